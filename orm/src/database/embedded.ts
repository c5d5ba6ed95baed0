import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type AdminDoor, type DoorCommand, openAdminDoor } from './admin-door.js';
import { keepBatchesTogether } from './keep-batches-together.js';
import { lockDataDir } from './lock.js';
import { requirePassword } from './socket-password.js';

export interface EmbeddedDatabase {
  /**
   * A postgres:// URL on 127.0.0.1 for this process's own pools (ORM, pg-boss). Not for people: every
   * connection to it shares the server's one session (see openAdminDoor for the dump and the shell).
   */
  url: string;
  /** A command for the CLI through the admin door (none without a data folder). */
  serve(name: string, command: DoorCommand): void;
  stop(): Promise<void>;
}

/**
 * Starts PGlite in this process and serves it over the PostgreSQL wire protocol, so the very same
 * driver code runs against it as against a real server. `dataDir` undefined keeps it in memory (tests).
 *
 * PGlite is one session shared by every socket connection: queries run one at a time and an open
 * transaction blocks everybody else's statements until it ends. Code inside a transaction must use
 * only that transaction's connection (see the stack notes). With a data folder, a loopback-only
 * admin door serves dumps and shells made from clones (admin-door.ts), so people never need the
 * server's own socket.
 */
export async function startEmbeddedDatabase(dataDir: string | undefined): Promise<EmbeddedDatabase> {
  let unlock = () => {};
  let dir: string | undefined;
  if (dataDir !== undefined) {
    dir = resolve(dataDir, 'pglite');
    // PGlite's NodeFS creates only the last folder of the path.
    mkdirSync(resolve(dataDir), { recursive: true });
    unlock = lockDataDir(dir);
  }
  try {
    const db = await PGlite.create({ dataDir: dir, extensions: { pg_trgm } });
    // The sum of every pool that connects (ORM, pg-boss, coordinator, the start-up lock).
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 40 });
    keepBatchesTogether(server);
    const password = randomBytes(24).toString('hex');
    requirePassword(server, password);
    await server.start();
    let door: AdminDoor | undefined;
    try {
      if (dataDir !== undefined) door = await openAdminDoor(db, resolve(dataDir));
    } catch (e) {
      await server.stop();
      await db.close();
      throw e;
    }
    return {
      url: `postgresql://postgres:${password}@${server.getServerConn()}/postgres`,
      serve: (name, command) => door?.serve(name, command),
      async stop() {
        await door?.close();
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}
