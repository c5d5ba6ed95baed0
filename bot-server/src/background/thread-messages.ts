import type { Config } from '@kelian/config';
import type { WorkWritten } from '../bot/module.js';

/** What the workers' thread is started with (structured-cloned: data only). */
export interface WorkersSetup {
  config: Config;
  database: { url: string; embedded: boolean };
  /** Where the server listens: in sandbox mode the platforms' APIs are there. */
  serverUrl: string;
  /** The door's count of platform callbacks in flight (Foreground.shared): the workers let them go first. */
  callbacksInFlight: SharedArrayBuffer;
}

/** Something the server's thread wrote for the workers: rows of the bot's queues, or a job. */
export type WorkNotice = WorkWritten | { job: string };

/** From the server's thread to the workers'. */
export type ToWorkers = { type: 'wake'; work: WorkNotice[] } | { type: 'stop' };

/** From the workers' thread to the server's. */
export type FromWorkers = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'stopped' };
