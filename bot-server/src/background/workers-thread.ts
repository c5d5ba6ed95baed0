import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import type { FromWorkers, ToWorkers, WorkersSetup, WorkNotice } from './thread-messages.js';

export interface WorkersThread {
  /** Tells the workers what this thread wrote (told once per turn of the event loop, deduplicated). */
  wake(work: WorkNotice): void;
  /** Lets the workers finish what they hold and closes their pools. */
  stop(): Promise<void>;
}

/**
 * Runs the background work in a thread of its own (workers-entry.ts), so that the door (callbacks,
 * API) and the workers each have a core where the host's cores are Kelian's. Where PostgreSQL, the
 * sandbox and a load generator share two cores with them (this project's bench machine), the second
 * JavaScript thread took the door's core as often as it gave the workers one: the callbacks' answers
 * were slower and the drain no faster (issue 11's note has the figures). The workers still let
 * callbacks go first, through the door's shared count. Nothing is lost if the thread dies: events and
 * messages are rows, claimed again after their lease; `onLost` says so.
 */
export async function startWorkersThread(
  setup: WorkersSetup,
  logger: Logger,
  onLost: (err: Error) => void,
): Promise<WorkersThread> {
  // From the sources (tsx, tests) the thread runs TypeScript too; built, the compiled file.
  const source = import.meta.url.endsWith('.ts');
  const thread = new Worker(new URL(`./workers-entry.${source ? 'ts' : 'js'}`, import.meta.url), {
    workerData: setup,
    execArgv: source ? ['--import', 'tsx', '--conditions=@kelian/source'] : undefined,
  });
  const tell = (message: ToWorkers) => thread.postMessage(message);
  let stopping = false;
  let stopped = () => {};
  await new Promise<void>((ready, failed) => {
    const early = (err: Error) => failed(err);
    const exit = (code: number) => failed(new Error(`the workers' thread exited during start-up (${code})`));
    thread.once('error', early).once('exit', exit);
    const started = (message: FromWorkers) => {
      if (message.type === 'ready') ready();
      else if (message.type === 'failed') failed(new Error(message.message));
      else return;
      thread.off('message', started).off('error', early).off('exit', exit);
    };
    thread.on('message', started);
  });
  thread.on('message', (message: FromWorkers) => {
    if (message.type === 'stopped') stopped();
  });
  thread.on('error', (err) => logger.error({ err }, "the workers' thread failed"));
  thread.on('exit', (code) => {
    if (stopping) return stopped();
    const err = new Error(`the workers' thread exited (${code})`);
    logger.fatal({ err }, 'background work has stopped; events and messages wait in the database');
    onLost(err);
  });

  let pending: Map<string, WorkNotice> | undefined;
  return {
    wake(work) {
      if (!pending) {
        pending = new Map();
        setImmediate(() => {
          const work = [...(pending?.values() ?? [])];
          pending = undefined;
          if (!stopping) tell({ type: 'wake', work });
        });
      }
      pending.set('job' in work ? `job:${work.job}` : `${work.table}:${work.lane ?? ''}`, work);
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      const done = new Promise<void>((resolve) => {
        stopped = resolve;
      });
      tell({ type: 'stop' });
      await done;
      await thread.terminate();
    },
  };
}
