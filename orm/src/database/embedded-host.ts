import { randomBytes } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type AdminDoor, openAdminDoor } from './admin-door.js';
import type { FromHost, HostSetup, ToHost } from './embedded-messages.js';
import { keepBatchesTogether } from './keep-batches-together.js';
import { requirePassword } from './socket-password.js';

// The embedded database's own thread (see embedded.ts): PGlite, the socket the server's pools
// connect to, and the admin door. Commands the door serves run in the server's thread and are
// asked for by message.

const port = parentPort!;
const setup = workerData as HostSetup;
const post = (message: FromHost) => port.postMessage(message);
const answers = new Map<number, (answer: { ok: boolean; text: string }) => void>();
let asked = 0;

try {
  const db = await PGlite.create({ dataDir: setup.pgliteDir, extensions: { pg_trgm } });
  // The sum of every pool that connects (ORM, pg-boss, coordinator, the start-up lock).
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 40 });
  keepBatchesTogether(server);
  const password = randomBytes(24).toString('hex');
  requirePassword(server, password);
  await server.start();
  let door: AdminDoor | undefined;
  try {
    if (setup.doorDir !== undefined) door = await openAdminDoor(db, setup.doorDir);
  } catch (e) {
    await server.stop();
    await db.close();
    throw e;
  }
  port.on('message', (message: ToHost) => {
    if (message.type === 'serve')
      door?.serve(
        message.name,
        (argument) =>
          new Promise((resolve) => {
            const id = ++asked;
            answers.set(id, resolve);
            post({ type: 'command', id, name: message.name, argument });
          }),
      );
    if (message.type === 'answer') {
      answers.get(message.id)?.(message.answer);
      answers.delete(message.id);
    }
    if (message.type === 'stop')
      void (async () => {
        await door?.close();
        await server.stop();
        await db.close();
        post({ type: 'stopped' });
        port.close();
      })();
  });
  post({ type: 'ready', url: `postgresql://postgres:${password}@${server.getServerConn()}/postgres` });
} catch (e) {
  post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  port.close();
}
