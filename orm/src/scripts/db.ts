// `npm run db:dump [-- file]` and `npm run db:shell [-- psql options]`.
//
// On PostgreSQL (DATABASE_URL set) they are pg_dump and psql on that URL.
// On the embedded database (DATA_DIR):
// - the server is running: it is asked through its admin door (<dataDir>/admin.json) for a dump, or
//   for a shell on a clone: a read-only snapshot with a session of its own, so nothing done in the
//   shell (search_path, transactions, locks) can reach the server's session;
// - the server is not running: the data folder is opened here, under the same pid lock the server
//   takes (so the server cannot start meanwhile); the shell is then read-write.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ConfigError, loadConfig } from '@kelian/config';
import { runningAdminDoor } from '../database/admin-door.js';
import { dumpSql } from '../database/dump.js';
import { DataDirLockedError, lockDataDir } from '../database/lock.js';

/** A failure the user can act on: its message is printed, without a stack. */
class CliError extends Error {}

const [command, ...args] = process.argv.slice(2);
const say = (text: string) => process.stderr.write(`${text}\n`);

try {
  const config = loadConfig();
  if (command === 'dump') await dump(config.database, args[0]);
  else if (command === 'shell') process.exitCode = await shell(config.database, args);
  else {
    say('usage: db.ts dump [file | -] | shell [psql options]');
    process.exitCode = 2;
  }
} catch (e) {
  if (!(e instanceof ConfigError || e instanceof DataDirLockedError || e instanceof CliError)) throw e;
  say(e.message);
  process.exitCode = 1;
}

type Database = { url: string | undefined; dataDir: string };

async function dump(database: Database, target: string | undefined) {
  const file =
    target ?? `kelian-${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.sql`;
  const write = (sql: string) => {
    if (file === '-') process.stdout.write(sql);
    else {
      writeFileSync(file, sql);
      say(`Wrote ${resolve(file)} (${Math.round(sql.length / 1024)} KB).`);
    }
  };
  if (database.url) {
    const code = await run('pg_dump', [
      '--no-owner',
      '--no-privileges',
      ...(file === '-' ? [] : ['-f', file]),
      database.url,
    ]);
    if (code !== 0) throw new CliError(`pg_dump failed (exit code ${code}).`);
    return;
  }
  const door = await runningAdminDoor(database.dataDir);
  if (door) {
    const res = await fetch(`http://127.0.0.1:${door.port}/dump`, {
      method: 'POST',
      headers: { authorization: `Bearer ${door.token}` },
    });
    if (!res.ok) throw new CliError(`The running server could not make the dump: ${await res.text()}`);
    write(await res.text());
    return;
  }
  const db = await openDataDir(database.dataDir);
  try {
    write(await dumpSql(db.pg));
  } finally {
    await db.close();
  }
}

async function shell(database: Database, psqlArgs: string[]): Promise<number> {
  if (database.url) return run('psql', [database.url, ...psqlArgs]);
  const door = await runningAdminDoor(database.dataDir);
  if (door) {
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${door.port}/shell`, {
      method: 'POST',
      headers: { authorization: `Bearer ${door.token}` },
      signal: controller.signal,
    });
    if (!res.ok || !res.body)
      throw new CliError(`The running server could not open a shell: ${await res.text()}`);
    // The server keeps the snapshot for as long as this response stays open.
    const reader = res.body.getReader();
    let head = '';
    while (!head.includes('\n')) {
      const { value, done } = await reader.read();
      if (done) throw new CliError('The running server closed the shell at once.');
      head += new TextDecoder().decode(value);
    }
    const { url, at } = JSON.parse(head.slice(0, head.indexOf('\n'))) as { url: string; at: string };
    say(
      `A read-only snapshot of the running database as of ${at}, with a session of its own: nothing ` +
        'done here reaches the server. Stop the server to change data with a shell.',
    );
    try {
      return await run('psql', [url, ...psqlArgs]);
    } finally {
      controller.abort();
    }
  }
  const db = await openDataDir(database.dataDir);
  const socket = new PGLiteSocketServer({ db: db.pg, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await socket.start();
  say('The server is not running: this shell changes the data folder directly.');
  try {
    return await run('psql', [
      `postgresql://postgres:postgres@${socket.getServerConn()}/postgres`,
      ...psqlArgs,
    ]);
  } finally {
    await socket.stop();
    await db.close();
  }
}

/** The admin door of the server running on `dataDir`, if one answers. */
/** The stopped server's data folder, opened here under its pid lock. */
async function openDataDir(dataDir: string) {
  const dir = resolve(dataDir, 'pglite');
  const unlock = lockDataDir(dir);
  try {
    const pg = await PGlite.create({ dataDir: dir, extensions: { pg_trgm } });
    return {
      pg,
      async close() {
        await pg.close();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

async function run(program: string, programArgs: string[]): Promise<number> {
  const child = spawn(program, programArgs, { stdio: 'inherit' });
  // Ctrl-C belongs to psql (it cancels a query there); this process waits for it to end.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  try {
    const [code] = (await once(child, 'exit')) as [number | null];
    return code ?? 1;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CliError(`${program} is not installed (on Debian/Ubuntu: apt install postgresql-client).`);
    throw e;
  } finally {
    process.off('SIGINT', ignore);
  }
}
