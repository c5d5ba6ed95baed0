// The server as a user runs it: `node bot-server/src/main.ts` with npm start's heap flags, in a
// process of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { serverHeapFlags } from '../../src/heap-flags.js';

export const repoRoot = resolve(import.meta.dirname, '../../..');

export interface ServerProcess {
  child: ChildProcess;
  /** Its JSON log lines so far. */
  log: string[];
  /** Resolves with the server's URL once it logs `kelian is listening`; rejects if it exits first. */
  ready: Promise<string>;
  /** Resolves when the process exits. */
  exited: Promise<{ code: number | null; stderr: string }>;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** Starts `bot-server/src/main.ts` with PORT=0 and `env` (DATABASE_URL only when given). */
export function launchServer(env: Record<string, string>): ServerProcess {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(
    process.execPath,
    [...serverHeapFlags, '--import', 'tsx', '--conditions=@kelian/source', 'bot-server/src/main.ts'],
    {
      cwd: repoRoot,
      env: { ...inherited, LOG_LEVEL: 'info', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((done) =>
    child.on('exit', (code) => done({ code, stderr })),
  );
  const ready = new Promise<string>((done, fail) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        log.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'kelian is listening') done(entry.url!);
        } catch {
          // Not JSON: kept in the log for the failure message.
        }
      }
    });
    void exited.then(({ code, stderr }) =>
      fail(new Error(`exited with ${code}: ${stderr}\n${log.slice(-5).join('\n')}`)),
    );
  });
  ready.catch(() => undefined);
  return {
    child,
    log,
    ready,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One query on a connection of its own. */
export async function query<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
