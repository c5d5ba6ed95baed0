// A load generator's side of its channel to the bench: `{ id, command }` in, `{ id, result }` out.
// The same generator runs as a worker thread (bench/callbacks.ts: its event loop apart from the
// server's, in one process) or as a child process (bench/users.ts: so that the process's memory is the
// server's alone), where its setup comes in LOAD_SETUP and messages go over IPC with structured clone.
import { parentPort, workerData } from 'node:worker_threads';

/** What the bench handed to the generator when it started it. */
export function loadSetup<T>(): T {
  return (parentPort ? workerData : JSON.parse(process.env.LOAD_SETUP ?? 'null')) as T;
}

/** Answers each command with the handler's result, in the order the results come. */
export function serveCommands<C, R>(handler: (command: C) => Promise<R>): void {
  const post = (message: { id: number; result?: R }) =>
    parentPort ? parentPort.postMessage(message) : process.send!(message);
  const receive = async ({ id, command }: { id: number; command: C }) =>
    post({ id, result: await handler(command) });
  if (parentPort) parentPort.on('message', receive);
  else process.on('message', receive as (message: unknown) => void);
}
