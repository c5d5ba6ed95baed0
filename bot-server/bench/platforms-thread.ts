// The sandbox platforms of the pipeline bench in a thread of their own, as the real WeCom is in a
// data centre of its own: the server measured then spends its thread on Kelian's work alone, not on
// answering its own platform calls too (about a sixth of its CPU in a card burst). The server reaches
// this sandbox through WECOM_API_BASE, the setting a company points at the real WeCom.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadConfig } from '@kelian/config';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { bodyLimits } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import type { NewPerson } from '../src/sandbox/state/org.js';
import type { SwitchSpec } from '../src/sandbox/state/switches.js';
import type { BenchPlatforms, SeenMessage } from './platforms.js';

type Command =
  | { op: 'addPerson'; person: NewPerson }
  | { op: 'arm'; spec: SwitchSpec }
  | { op: 'remaining'; switchId: number }
  | { op: 'clear' };

type FromThread =
  | { kind: 'ready'; url: string }
  | { kind: 'messages'; messages: SeenMessage[] }
  | { kind: 'answer'; id: number; value: unknown };

/** Starts the thread; answers once its sandbox listens. */
export async function startPlatformsThread(): Promise<BenchPlatforms & { wecomApiBase: string }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: {} });
  const seen: SeenMessage[] = [];
  const pending = new Map<number, (value: unknown) => void>();
  let next = 0;
  let ready: (url: string) => void;
  const listening = new Promise<string>((resolve) => {
    ready = resolve;
  });
  worker.on('message', (message: FromThread) => {
    if (message.kind === 'ready') ready(message.url);
    else if (message.kind === 'messages') seen.push(...message.messages);
    else {
      pending.get(message.id)?.(message.value);
      pending.delete(message.id);
    }
  });
  worker.on('error', (err) => {
    process.stderr.write(`platforms thread failed: ${err.stack ?? err}\n`);
    process.exit(1);
  });
  const ask = <T>(command: Command) =>
    new Promise<T>((resolve) => {
      const id = next++;
      pending.set(id, resolve as (value: unknown) => void);
      worker.postMessage({ id, command });
    });
  const url = await listening;
  return {
    where: 'a thread of their own',
    wecomApiBase: `${url}/sandbox/wecom`,
    seen,
    addPerson: (person) => ask<void>({ op: 'addPerson', person }),
    arm: (spec) => ask<number>({ op: 'arm', spec }),
    remaining: (switchId) => ask<number>({ op: 'remaining', switchId }),
    clear: () => ask<void>({ op: 'clear' }),
    // The last messages are posted every 20 ms: wait for them before the thread goes.
    stop: async () => {
      await new Promise((r) => setTimeout(r, 50));
      await worker.terminate();
    },
  };
}

async function serve(): Promise<void> {
  const { createSandbox } = await import('../src/sandbox/index.js');
  const config = loadConfig({ env: { SANDBOX: 'true', LOG_LEVEL: 'silent' }, envFile: false });
  // Kelian's own server is never called back by this bench's traffic (no callbacks are sent).
  const sandbox = createSandbox({ config, logger: createLogger('silent'), serverUrl: () => '' });
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['json', 'form'], ...bodyLimits }));
  app.use(sandbox.router.routes());
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const port_ = parentPort!;

  // Every message shown, posted in batches (one post per message would cost the thread more than
  // the message).
  let batch: SeenMessage[] = [];
  const add = sandbox.state.messages.add.bind(sandbox.state.messages);
  sandbox.state.messages.add = (message) => {
    const full = add(message);
    batch.push({ at: full.at, cardId: full.cardId, viewers: full.viewers, dropped: full.dropped });
    return full;
  };
  setInterval(() => {
    if (batch.length === 0) return;
    port_.postMessage({ kind: 'messages', messages: batch } satisfies FromThread);
    batch = [];
  }, 20);

  port_.on('message', ({ id, command }: { id: number; command: Command }) => {
    const answer = (value: unknown) => port_.postMessage({ kind: 'answer', id, value } satisfies FromThread);
    const switches = sandbox.state.switches;
    if (command.op === 'addPerson') answer(void sandbox.state.org.addPerson(command.person));
    else if (command.op === 'arm') answer(switches.arm(command.spec).id);
    else if (command.op === 'remaining')
      answer(switches.list().find((s) => s.id === command.switchId)?.remaining ?? 0);
    else answer(switches.clear());
  });
  port_.postMessage({ kind: 'ready', url: `http://127.0.0.1:${port}` } satisfies FromThread);
}

if (!isMainThread && workerData) await serve();
