// The load generator of bench/users.ts, in a process of its own so that it shares neither the event
// loop nor the memory of the server under test: `lanes` people at once, each doing what a rep does
// in the mini-app one step after another (open the customer list, open a customer's 360° view, add a
// follow-up), over keep-alive HTTP/1.1 (undici), for `seconds`. Each person has their own session and
// customers. Between two steps a person reads or types for `thinkMs` on average (uniformly half to
// one and a half times it), as people at their phones do; with `thinkMs` 0 they send the next
// request as soon as the answer is in (a closed loop), so 20 lanes keep 20 requests in the server at
// every moment, far more than 20 people at their phones would: the server's saturation, not its use.
import { Pool } from 'undici';
import { loadSetup, serveCommands } from './load-channel.js';

export interface UsersSetup {
  url: string;
}

export interface Person {
  token: string;
  /** Customers this person may see (and write follow-ups on). */
  customers: number[];
}

export interface UsersCommand {
  people: Person[];
  seconds: number;
  /** The mean pause between a person's steps; 0 for back-to-back requests. */
  thinkMs: number;
}

export type Step = 'list' | 'view' | 'followUp';

export interface UsersResult {
  requests: number;
  seconds: number;
  latencies: Record<Step, number[]>;
  /** Answers that were not 2xx, with their status and first bytes. */
  errors: string[];
}

const { url } = loadSetup<UsersSetup>();
const pool = new Pool(url, { connections: 64, pipelining: 1 });

async function call(method: 'GET' | 'POST', path: string, token: string, body?: unknown) {
  const res = await pool.request({
    method,
    path,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.body.text();
  return { status: res.statusCode, text };
}

async function run({ people, seconds, thinkMs }: UsersCommand): Promise<UsersResult> {
  const latencies: UsersResult['latencies'] = { list: [], view: [], followUp: [] };
  const errors: string[] = [];
  let requests = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const think = () => new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
  const timed = async (step: Step, method: 'GET' | 'POST', path: string, token: string, body?: unknown) => {
    const at = performance.now();
    const res = await call(method, path, token, body);
    latencies[step].push(performance.now() - at);
    requests++;
    if (res.status >= 300) errors.push(`${step} ${res.status} ${res.text.slice(0, 200)}`);
    if (thinkMs > 0) await think();
  };
  await Promise.all(
    people.map(async (person, lane) => {
      // People at their phones do not all tap in the same millisecond: each starts after a pause like
      // any other. Without it every round began with a 20-request burst of lists that only the bench
      // makes, and those queued requests were the list's whole p95 (the 360° view and the follow-up,
      // already spread by the pauses, had none).
      if (thinkMs > 0) await think();
      for (let i = lane; performance.now() < until; i++) {
        const customer = person.customers[i % person.customers.length]!;
        await timed('list', 'GET', '/api/customers?limit=20', person.token);
        await timed('view', 'GET', `/api/customers/${customer}`, person.token);
        await timed('followUp', 'POST', `/api/customers/${customer}/follow-ups`, person.token, {
          kind: 'call',
          content: `电话回访，客户关心交付时间（第 ${i} 次）`,
        });
      }
    }),
  );
  return { requests, seconds: (performance.now() - started) / 1000, latencies, errors: errors.slice(0, 20) };
}

serveCommands<UsersCommand | 'close', UsersResult | undefined>(async (command) => {
  if (command !== 'close') return run(command);
  await pool.close();
  return undefined;
});
