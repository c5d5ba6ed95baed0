// The load generator of bench/callbacks.ts and bench/users.ts, in a worker thread or a process of its
// own (load-channel.ts) so that it never shares the event loop of the server under test. It seals
// WeCom callbacks with `@wecom/crypto` (an implementation independent of Kelian's) before a timed
// run, then sends them over keep-alive HTTP/1.1 (undici):
// - closed loop: N connections, each sends its next request as soon as the answer to the previous
//   one is in (the maximum rate at that concurrency);
// - open loop: a timer starts requests on a fixed schedule whatever the answers, and a latency is
//   counted from the request's scheduled start, so a stalled server cannot hide its queue
//   (no coordinated omission).
import { encrypt, getSignature } from '@wecom/crypto';
import { Pool } from 'undici';
import { loadSetup, serveCommands } from './load-channel.js';

export interface LoadSetup {
  token: string;
  encodingAesKey: string;
  corpId: string;
  agentId: string;
  /** WeCom user ids the messages come from. */
  users: string[];
}

export type LoadCommand =
  /**
   * Seals `count` new text messages into `lot` (replacing it), each its own MsgId and content, from
   * `users` (all the setup's users unless given). Runs take their requests from a lot in order,
   * carrying on where the previous run stopped.
   */
  | { kind: 'seal'; lot: string; count: number; users?: string[] }
  /**
   * `connections` lanes as fast as answers come, for `seconds` or until the lot runs out (`reuse`
   * cycles through it instead: for a handler that keeps no dedupe record).
   */
  | { kind: 'closed'; url: string; lot: string; connections: number; seconds: number; reuse: boolean }
  /**
   * `rate` requests per second on schedule for `seconds` (or until the lot runs out); whatever is not
   * answered `graceSeconds` after the last scheduled start is abandoned and counted as unanswered.
   */
  | {
      kind: 'open';
      url: string;
      lot: string;
      rate: number;
      seconds: number;
      connections: number;
      graceSeconds: number;
    }
  | { kind: 'close' };

export interface LoadResult {
  requests: number;
  /** From the first request's start to the last answer. */
  seconds: number;
  latencies: Float64Array;
  /** Not 200, including the unanswered. */
  non200: number;
  /** Open loop: abandoned without an answer (see graceSeconds). */
  unanswered: number;
  errors: string[];
  /** Open loop: how late each request left after its scheduled start (the generator's own lag). */
  lateness?: Float64Array;
  /** Seal: how long sealing took. */
  sealMs?: number;
}

interface Payload {
  path: string;
  body: string;
}

const setup = loadSetup<LoadSetup>();
const headers = { 'content-type': 'text/xml' };
const lots = new Map<string, { payloads: Payload[]; next: number }>();
const pools = new Map<string, Pool>();
let sequence = 0;
// MsgIds unique across runs of the bench on one database too (the dedupe key is the plaintext's hash).
const msgIdBase = BigInt(Date.now()) * 1_000_000n;
const phrases = ['明天下午拜访', '报价已发', '客户要求延期', '合同在走流程', '约了周五电话', '需要技术支持'];

function seal(lot: string, count: number, users: string[] = setup.users): void {
  const now = Math.floor(Date.now() / 1000);
  const payloads: Payload[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const n = sequence++;
    const from = users[n % users.length]!;
    const content = `${phrases[n % phrases.length]} 第${n}条`;
    const xml = `<xml><ToUserName><![CDATA[${setup.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgIdBase + BigInt(n)}</MsgId><AgentID>${setup.agentId}</AgentID></xml>`;
    const encrypted = encrypt(setup.encodingAesKey, xml, setup.corpId);
    const timestamp = String(now);
    const nonce = String(1_000_000 + (n % 9_000_000));
    const signature = getSignature(setup.token, timestamp, nonce, encrypted);
    payloads[i] = {
      path: `/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
      body: `<xml><ToUserName><![CDATA[${setup.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${setup.agentId}]]></AgentID></xml>`,
    };
  }
  lots.set(lot, { payloads, next: 0 });
}

/** One keep-alive pool per server and size, kept between runs so connections stay warm. */
function poolFor(url: string, connections: number): Pool {
  const key = `${url} ${connections}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = newPool(url, connections);
    pools.set(key, pool);
  }
  return pool;
}

function newPool(url: string, connections: number): Pool {
  return new Pool(url, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
}

async function send(pool: Pool, p: Payload, signal?: AbortSignal): Promise<number> {
  const res = await pool.request({ method: 'POST', path: p.path, headers, body: p.body, signal });
  await res.body.dump();
  return res.statusCode;
}

async function closedLoop(command: Extract<LoadCommand, { kind: 'closed' }>): Promise<LoadResult> {
  const { connections, seconds, reuse } = command;
  const pool = poolFor(command.url, connections);
  const lot = lots.get(command.lot)!;
  const payloads = lot.payloads;
  const latencies: number[] = [];
  const errors = new Set<string>();
  let non200 = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  const lane = async () => {
    while (performance.now() < end && (reuse || lot.next < payloads.length)) {
      const p = payloads[lot.next++ % payloads.length]!;
      const t0 = performance.now();
      try {
        if ((await send(pool, p)) !== 200) non200++;
      } catch (error) {
        non200++;
        errors.add(String(error));
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, lane));
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    seconds: elapsed,
    latencies: Float64Array.from(latencies),
    non200,
    unanswered: 0,
    errors: [...errors],
  };
}

async function openLoop(command: Extract<LoadCommand, { kind: 'open' }>): Promise<LoadResult> {
  const { rate, seconds } = command;
  const pool = poolFor(command.url, command.connections);
  const lot = lots.get(command.lot)!;
  const first = lot.next;
  const total = Math.min(lot.payloads.length - first, Math.round(rate * seconds));
  lot.next += total;
  const latencies = new Float64Array(total);
  const lateness = new Float64Array(total);
  const errors = new Set<string>();
  let non200 = 0;
  let unanswered = 0;
  const abandon = new AbortController();
  const inflight: Promise<void>[] = [];
  const interval = 1000 / rate;
  const started = performance.now() + 5;
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      for (; i < total && started + i * interval <= now; i++) {
        const n = i;
        const scheduled = started + n * interval;
        lateness[n] = now - scheduled;
        inflight.push(
          send(pool, lot.payloads[first + n]!, abandon.signal)
            .then(
              (status) => {
                if (status !== 200) non200++;
              },
              (error) => {
                non200++;
                if (abandon.signal.aborted) unanswered++;
                else errors.add(String(error));
              },
            )
            .finally(() => {
              latencies[n] = performance.now() - scheduled;
            }),
        );
      }
      if (i < total) setTimeout(tick, Math.max(0, started + i * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  const grace = setTimeout(() => abandon.abort(), command.graceSeconds * 1000);
  await Promise.all(inflight);
  clearTimeout(grace);
  const elapsed = (performance.now() - started) / 1000;
  return { requests: total, seconds: elapsed, latencies, non200, unanswered, errors: [...errors], lateness };
}

serveCommands<LoadCommand, LoadResult>(async (command) => {
  let result: LoadResult;
  if (command.kind === 'seal') {
    const started = performance.now();
    seal(command.lot, command.count, command.users);
    result = {
      requests: 0,
      seconds: 0,
      latencies: new Float64Array(),
      non200: 0,
      unanswered: 0,
      errors: [],
      sealMs: performance.now() - started,
    };
  } else if (command.kind === 'closed') {
    result = await closedLoop(command);
  } else if (command.kind === 'open') {
    result = await openLoop(command);
  } else {
    await Promise.all([...pools.values()].map((p) => p.close()));
    pools.clear();
    result = { requests: 0, seconds: 0, latencies: new Float64Array(), non200: 0, unanswered: 0, errors: [] };
  }
  return result;
});
