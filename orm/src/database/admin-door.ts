import { randomBytes, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { dumpSql } from './dump.js';

// The embedded database is one PostgreSQL session shared by every connection to its socket, so a
// psql on the server's own socket shares the server's session: `set search_path to ''` there makes
// every request fail, and pg_dump (which sets search_path itself and holds a REPEATABLE READ
// transaction for the whole dump) blocks the server while it runs. So the socket is the server's
// own, and people get a dump and a shell through this door instead, both made from a `clone()`: an
// in-memory copy with a session of its own, taken between two statements of the live database.
// Nothing done to a clone reaches the live session.
//
// The door is an HTTP server on 127.0.0.1 with a random token; the port and the token are in
// `<dataDir>/admin.json` (mode 0600), so only someone who can read the data folder (and so could
// copy the database anyway) can use it. `npm run db:dump` and `npm run db:shell` use it.

/** Where a running server's door is described. */
export function adminFile(dataDir: string): string {
  return join(dataDir, 'admin.json');
}

export interface AdminDoorInfo {
  pid: number;
  port: number;
  token: string;
}

export function readAdminDoor(dataDir: string): AdminDoorInfo | undefined {
  try {
    return JSON.parse(readFileSync(adminFile(dataDir), 'utf8')) as AdminDoorInfo;
  } catch {
    return undefined;
  }
}

/** The running server's door, if one answers (a stale admin.json of a crashed server does not). */
export async function runningAdminDoor(dataDir: string): Promise<AdminDoorInfo | undefined> {
  const door = readAdminDoor(resolve(dataDir));
  if (!door) return undefined;
  try {
    // Any answer (401/404 on GET /) says the door is there; a refused connection says it is stale.
    await fetch(`http://127.0.0.1:${door.port}/`, { signal: AbortSignal.timeout(2000) });
    return door;
  } catch {
    return undefined;
  }
}

/**
 * Work the server does on its live database for a command line on the same machine (the embedded
 * database admits no second process): `npm run admin` names an administrator this way.
 */
export type DoorCommand = (argument: string) => Promise<{ ok: boolean; text: string }>;

export interface AdminDoor {
  /** Serves `POST /command/<name>` (the body is the argument) once the server can do the work. */
  serve(name: string, command: DoorCommand): void;
  close(): Promise<void>;
}

export async function openAdminDoor(db: PGlite, dataDir: string): Promise<AdminDoor> {
  const token = randomBytes(32).toString('hex');
  const shells = new Set<() => Promise<void>>();
  const commands = new Map<string, DoorCommand>();
  // One clone at a time: each is a full in-memory copy of the database.
  let cloning: Promise<unknown> = Promise.resolve();
  const clone = () => {
    // clone() is typed as the interface; it is a PGlite made by PGlite.create.
    const next = cloning.then(() => db.clone() as Promise<PGlite>);
    cloning = next.catch(() => undefined);
    return next;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${err instanceof Error ? err.message : String(err)}\n`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!authorized(req.headers.authorization)) {
      res.writeHead(401).end();
      return;
    }
    if (req.method === 'POST' && req.url === '/dump') {
      const copy = await clone();
      try {
        const sql = await dumpSql(copy);
        res.writeHead(200, { 'content-type': 'application/sql; charset=utf-8' }).end(sql);
      } finally {
        await copy.close();
      }
      return;
    }
    if (req.method === 'POST' && req.url === '/shell') {
      // The clone is served on a socket of its own for as long as this request stays open: the CLI
      // holds it while psql runs, and its end (psql quit, Ctrl-C, the CLI killed) drops the clone.
      const copy = await clone();
      // A snapshot: writes would vanish with it, so say so at the first one.
      await copy.exec('set default_transaction_read_only = on');
      const socket = new PGLiteSocketServer({ db: copy, host: '127.0.0.1', port: 0, maxConnections: 4 });
      await socket.start();
      let closed = false;
      const drop = async () => {
        if (closed) return;
        closed = true;
        shells.delete(drop);
        await socket.stop();
        await copy.close();
        if (!res.writableEnded) res.end();
      };
      shells.add(drop);
      res.on('close', () => void drop());
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(
        `${JSON.stringify({ url: `postgresql://postgres:postgres@${socket.getServerConn()}/postgres`, at: new Date().toISOString() })}\n`,
      );
      return;
    }
    const named = req.method === 'POST' && req.url?.startsWith('/command/') ? req.url.slice(9) : undefined;
    const command = named === undefined ? undefined : commands.get(named);
    if (command) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await command(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
      return;
    }
    res.writeHead(404).end();
  }

  function authorized(header: string | undefined): boolean {
    const given = Buffer.from(header ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const info: AdminDoorInfo = { pid: process.pid, port: (server.address() as AddressInfo).port, token };
  const file = adminFile(dataDir);
  writeFileSync(`${file}.tmp`, JSON.stringify(info), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);

  return {
    serve(name, command) {
      commands.set(name, command);
    },
    async close() {
      if (readAdminDoor(dataDir)?.token === token) rmSync(file, { force: true });
      await Promise.all([...shells].map((drop) => drop()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
