import { startEmbeddedDatabase } from './embedded.js';

export interface RunningDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** The configured PostgreSQL server, or an embedded PGlite in `dataDir` when no URL is set. */
export async function startDatabase(options: {
  url: string | undefined;
  dataDir: string;
}): Promise<RunningDatabase> {
  if (options.url) return { url: options.url, embedded: false, stop: async () => {} };
  const db = await startEmbeddedDatabase(options.dataDir);
  return { url: db.url, embedded: true, stop: db.stop };
}
