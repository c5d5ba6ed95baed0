// Where the benches that time the pipeline or people's requests run the server's background work:
// in the server's thread, as `npm start` does by default, or with BENCH_WORKERS=thread in a thread of
// their own, as WORKERS_THREAD=true has it.
export const benchWorkers: 'thread' | 'inline' = process.env.BENCH_WORKERS === 'thread' ? 'thread' : 'inline';
