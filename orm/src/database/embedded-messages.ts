// What the server's thread and the embedded database's thread (embedded-host.ts) say to each other.
import type { DoorCommand } from './admin-door.js';

export interface HostSetup {
  /** PGlite's folder; undefined keeps the database in memory. */
  pgliteDir: string | undefined;
  /** Where the admin door is described (none without a data folder). */
  doorDir: string | undefined;
}

export type ToHost =
  | { type: 'serve'; name: string }
  | { type: 'answer'; id: number; answer: Awaited<ReturnType<DoorCommand>> }
  | { type: 'stop' };

export type FromHost =
  | { type: 'ready'; url: string }
  | { type: 'failed'; message: string }
  | { type: 'command'; id: number; name: string; argument: string }
  | { type: 'stopped' };
