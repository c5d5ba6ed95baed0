// Where the benches that time the pipeline or people's requests run the server's background work:
// in a thread of its own as `npm start` does (main.ts), or with BENCH_WORKERS=inline in the server's
// thread, as the tests do (the baseline the thread is measured against).
export const benchWorkers: 'thread' | 'inline' = process.env.BENCH_WORKERS === 'inline' ? 'inline' : 'thread';
