import type { DoorCommand } from './admin-door.js';
import { startEmbeddedDatabase } from './embedded.js';

export interface RunningDatabase {
  url: string;
  embedded: boolean;
  /**
   * Offers a command to the command line through the embedded database's admin door. On PostgreSQL
   * the command line connects itself, so nothing is served.
   */
  serve(name: string, command: DoorCommand): void;
  stop(): Promise<void>;
}

/** The configured PostgreSQL server, or an embedded PGlite in `dataDir` when no URL is set. */
export async function startDatabase(options: {
  url: string | undefined;
  dataDir: string;
}): Promise<RunningDatabase> {
  if (options.url) return { url: options.url, embedded: false, serve: () => {}, stop: async () => {} };
  const db = await startEmbeddedDatabase(options.dataDir);
  return { url: db.url, embedded: true, serve: db.serve, stop: db.stop };
}
