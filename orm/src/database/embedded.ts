import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DoorCommand } from './admin-door.js';
import type { FromHost, HostSetup, ToHost } from './embedded-messages.js';
import { lockDataDir } from './lock.js';

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
 * Starts PGlite in a thread of its own and serves it over the PostgreSQL wire protocol, so the very
 * same driver code runs against it as against a real server. `dataDir` undefined keeps it in memory
 * (tests). Its own thread because PGlite runs the whole database engine in JavaScript's thread: in
 * the server's, every query stopped the server's other work (and the workers' work stopped the
 * queries), with the second core idle.
 *
 * PGlite is one session shared by every socket connection: queries run one at a time and an open
 * transaction blocks everybody else's statements until it ends. Code inside a transaction must use
 * only that transaction's connection (see the stack notes). With a data folder, a loopback-only
 * admin door serves dumps and shells made from clones (admin-door.ts), so people never need the
 * server's own socket.
 */
export async function startEmbeddedDatabase(dataDir: string | undefined): Promise<EmbeddedDatabase> {
  let unlock = () => {};
  let pgliteDir: string | undefined;
  if (dataDir !== undefined) {
    pgliteDir = resolve(dataDir, 'pglite');
    // PGlite's NodeFS creates only the last folder of the path.
    mkdirSync(resolve(dataDir), { recursive: true });
    unlock = lockDataDir(pgliteDir);
  }
  // From the sources (tsx, tests) the thread runs TypeScript too; built, the compiled file.
  const source = import.meta.url.endsWith('.ts');
  const setup: HostSetup = { pgliteDir, doorDir: dataDir === undefined ? undefined : resolve(dataDir) };
  const host = new Worker(new URL(`./embedded-host.${source ? 'ts' : 'js'}`, import.meta.url), {
    workerData: setup,
    execArgv: source ? ['--import', 'tsx'] : [],
  });
  const tell = (message: ToHost) => host.postMessage(message);
  const commands = new Map<string, DoorCommand>();
  let stopping = false;
  try {
    const url = await new Promise<string>((ready, failed) => {
      const early = (err: Error) => failed(err);
      const exit = (code: number) => failed(new Error(`the embedded database's thread exited (${code})`));
      const started = (message: FromHost) => {
        if (message.type === 'ready') ready(message.url);
        else if (message.type === 'failed') failed(new Error(message.message));
        else return;
        host.off('message', started).off('error', early).off('exit', exit);
      };
      host.once('error', early).once('exit', exit).on('message', started);
    });
    // The database gone while the server runs: nothing can work any more, so say so loudly.
    host.on('error', (err) => {
      throw err;
    });
    host.on('exit', (code) => {
      if (!stopping) throw new Error(`the embedded database's thread exited (${code})`);
    });
    let stopped = () => {};
    host.on('message', (message: FromHost) => {
      if (message.type === 'stopped') stopped();
      if (message.type !== 'command') return;
      // The host forwards only the names served below.
      const command = commands.get(message.name)!;
      void command(message.argument)
        .catch((err: unknown) => ({ ok: false, text: err instanceof Error ? err.message : String(err) }))
        .then((answer) => tell({ type: 'answer', id: message.id, answer }));
    });
    return {
      url,
      serve: (name, command) => {
        commands.set(name, command);
        tell({ type: 'serve', name });
      },
      async stop() {
        stopping = true;
        await new Promise<void>((done) => {
          stopped = done;
          tell({ type: 'stop' });
        });
        await host.terminate();
        unlock();
      },
    };
  } catch (e) {
    stopping = true;
    await host.terminate();
    unlock();
    throw e;
  }
}
