import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Middleware } from 'koa';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { SandboxContext } from '../context.js';
import { OneTimeCodes } from '../state/codes.js';
import { stableUuid } from '../state/ids.js';
import { dingtalkEndpoint } from './endpoint.js';
import { DingTalkApiError } from './errors.js';

// The DingTalk Stream gateway (reference §2): POST /v1.0/gateway/connections/open hands out an
// endpoint and a ticket (90 s, single use); the WebSocket at STREAM_PATH takes `?ticket=`, pushes
// downstream frames to a connection subscribed to their topic (one picked at random when there are
// several), and waits for the ACK with the same messageId. Unanswered robot messages come again
// after ~16 s, events without SUCCESS after ~60 s; a card callback gets one chance of 2 s.
//
// The real SDK (dingtalk-stream 2.1.5) posts to a hard-coded https://api.dingtalk.com; it is
// pointed here by what it does with the answer: it connects to whatever `endpoint` says. Kelian's
// receiver posts to `${DINGTALK_API_BASE}/v1.0/gateway/connections/open` itself.

export const STREAM_PATH = '/sandbox/dingtalk/stream';
const TICKET_TTL_MS = 90_000;
const FORGET_AFTER_MS = 60_000;
const KEEP_ACKS = 1_000;

export type FrameType = 'SYSTEM' | 'EVENT' | 'CALLBACK';

export interface StreamAck {
  messageId: string;
  type: FrameType;
  topic: string;
  connectionId: string;
  /** 200 OK, 404 topic unknown, 500 error. */
  code: number;
  message: string | undefined;
  /** The ACK's `data`, parsed when it is JSON text (it always should be). */
  data: unknown;
  at: string;
  /** Which delivery of the frame this answered (1 = the first). */
  delivery: number;
  /** From sending that delivery to its ACK. */
  ms: number;
}

export interface PushPolicy {
  /** How long the push waits for an ACK before it reports none (the frame stays pending). */
  answerWithinMs: number;
  /** Send the same frame again when no acceptable ACK came in this long. */
  redeliverAfterMs?: number;
  maxDeliveries?: number;
  /** Whether an ACK ends the delivery (an event's `LATER` does not). */
  settles?: (ack: StreamAck) => boolean;
}

export interface PushResult {
  messageId: string;
  delivered: boolean;
  reason?: string;
  connectionId?: string;
  ack?: StreamAck;
}

export interface ConnectionInfo {
  id: string;
  ua: string;
  subscriptions: Subscription[];
  openedAt: string;
}

interface Subscription {
  type: string;
  topic: string;
}

interface Connection extends ConnectionInfo {
  socket: WebSocket;
}

interface Pending {
  frame: { type: FrameType; headers: Record<string, string>; data: string };
  delivery: number;
  sentAt: number;
  policy: PushPolicy;
  settled: boolean;
  first?: (ack: StreamAck | undefined) => void;
}

const sleepTimer = (ms: number, fn: () => void) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return timer;
};

/** A messageId shaped like DingTalk's, e.g. `213d841d_972_1898bb26334_70a7`. */
function messageId(now: number): string {
  const hex = randomBytes(8).toString('hex');
  return `${hex.slice(0, 8)}_${Number.parseInt(hex.slice(8, 12), 16) % 1000}_${now.toString(16)}_${hex.slice(12, 16)}`;
}

export class StreamGateway {
  readonly acks: StreamAck[] = [];
  readonly #sb: SandboxContext;
  readonly #tickets: OneTimeCodes<{ subscriptions: Subscription[]; ua: string }>;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #connections = new Map<string, Connection>();
  readonly #pending = new Map<string, Pending>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #appId: string;

  constructor(sb: SandboxContext) {
    this.#sb = sb;
    this.#tickets = new OneTimeCodes(sb.now, 36);
    this.#appId = stableUuid(`app:${sb.dingtalk.clientId}`);
  }

  /** POST /v1.0/gateway/connections/open; answers XML unless the caller accepts JSON (§2.1). */
  openRoute(): Middleware[] {
    const xmlUnlessJson: Middleware = async (ctx, next) => {
      await next();
      const body = ctx.body as Record<string, unknown>;
      if (ctx.status === 200 && !ctx.get('accept').includes('application/json')) {
        ctx.type = 'application/xml';
        ctx.body = `<?xml version="1.0" encoding="UTF-8"?><OpenConnectionResponse><endpoint>${String(body.endpoint)}</endpoint><ticket>${String(body.ticket)}</ticket></OpenConnectionResponse>`;
      }
    };
    const open = dingtalkEndpoint(this.#sb, 'api', 'v1.0/gateway/connections/open', 'none', ({ body }) => {
      const { clientId, clientSecret } = this.#sb.dingtalk;
      if (body.clientId !== clientId || body.clientSecret !== clientSecret) {
        throw new DingTalkApiError(401, 'invalidClientIdOrSecret', 'clientId 或 clientSecret 不正确');
      }
      const subscriptions = Array.isArray(body.subscriptions)
        ? body.subscriptions.flatMap((s) => {
            const { type, topic } = (s ?? {}) as Partial<Subscription>;
            return typeof type === 'string' && typeof topic === 'string' ? [{ type, topic }] : [];
          })
        : [];
      const ticket = this.#tickets.issue({ subscriptions, ua: String(body.ua ?? '') }, TICKET_TTL_MS);
      return { endpoint: `${this.#sb.serverUrl().replace(/^http/, 'ws')}${STREAM_PATH}`, ticket };
    });
    return [xmlUnlessJson, open];
  }

  /** An `upgrade` listener for Kelian's HTTP server; other paths are left to other listeners. */
  readonly upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (url.pathname !== STREAM_PATH) return;
    const ticket = this.#tickets.redeem(url.searchParams.get('ticket') ?? '');
    if (!ticket.ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#adopt(ws, ticket.value));
  };

  attach(server: Server): () => void {
    server.on('upgrade', this.upgrade);
    return () => server.off('upgrade', this.upgrade);
  }

  connections(): ConnectionInfo[] {
    return [...this.#connections.values()].map(({ socket: _socket, ...info }) => info);
  }

  /** Sends a frame to one subscribed connection; resolves at its first ACK or after answerWithinMs. */
  push(
    type: 'EVENT' | 'CALLBACK',
    topic: string,
    data: unknown,
    policy: PushPolicy,
    extraHeaders: Record<string, string> = {},
  ): Promise<PushResult> {
    const id = messageId(this.#sb.now());
    const frame = {
      type,
      headers: {
        appId: this.#appId,
        contentType: 'application/json',
        messageId: id,
        time: String(this.#sb.now()),
        topic,
        ...extraHeaders,
      },
      data: JSON.stringify(data),
    };
    const pending: Pending = { frame, delivery: 0, sentAt: 0, policy, settled: false };
    const connectionId = this.#deliver(id, pending);
    if (!connectionId)
      return Promise.resolve({
        messageId: id,
        delivered: false,
        reason: `no connection subscribes to ${type} ${topic}`,
      });
    return new Promise((resolve) => {
      pending.first = (ack) => {
        pending.first = undefined;
        resolve({ messageId: id, delivered: true, connectionId, ...(ack ? { ack } : {}) });
      };
      this.#later(policy.answerWithinMs, () => pending.first?.(undefined));
    });
  }

  /** The server's SYSTEM `disconnect`: clients are told, and their sockets close after `graceMs`. */
  disconnectAll(graceMs = 10_000): void {
    for (const connection of this.#connections.values()) {
      connection.socket.send(
        JSON.stringify({
          specVersion: '1.0',
          type: 'SYSTEM',
          headers: {
            contentType: 'application/json',
            messageId: messageId(this.#sb.now()),
            topic: 'disconnect',
          },
          data: JSON.stringify({ reason: 'connection is expired' }),
        }),
      );
      this.#later(graceMs, () => connection.socket.close(1000, 'connection is expired'));
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const pending of this.#pending.values()) pending.first?.(undefined);
    this.#pending.clear();
    for (const connection of this.#connections.values()) connection.socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #adopt(socket: WebSocket, ticket: { subscriptions: Subscription[]; ua: string }): void {
    const connection: Connection = {
      id: randomUUID(),
      ua: ticket.ua,
      subscriptions: ticket.subscriptions,
      openedAt: new Date(this.#sb.now()).toISOString(),
      socket,
    };
    this.#connections.set(connection.id, connection);
    this.#sb.logger.info({ connectionId: connection.id, ua: ticket.ua }, 'sandbox stream connection opened');
    socket.on('message', (raw) => this.#onAck(connection, raw));
    socket.on('close', () => {
      this.#connections.delete(connection.id);
      this.#sb.logger.info({ connectionId: connection.id }, 'sandbox stream connection closed');
    });
  }

  /** Sends (again) to a random subscribed connection; returns its id, or undefined when none. */
  #deliver(id: string, pending: Pending): string | undefined {
    // EVENT subscriptions are always to `*`; which events arrive is chosen in the developer console.
    const wanted =
      pending.frame.type === 'EVENT'
        ? { type: 'EVENT', topic: '*' }
        : { type: 'CALLBACK', topic: pending.frame.headers.topic };
    const candidates = [...this.#connections.values()].filter(
      (c) =>
        c.socket.readyState === WebSocket.OPEN &&
        c.subscriptions.some((s) => s.type === wanted.type && s.topic === wanted.topic),
    );
    const connection = candidates[Math.floor(Math.random() * candidates.length)];
    if (!connection) return undefined;
    pending.delivery += 1;
    pending.sentAt = performance.now();
    this.#pending.set(id, pending);
    connection.socket.send(
      JSON.stringify({
        specVersion: '1.0',
        ...pending.frame,
        headers: { ...pending.frame.headers, connectionId: connection.id },
      }),
    );
    const { redeliverAfterMs, maxDeliveries = 1 } = pending.policy;
    if (redeliverAfterMs !== undefined && pending.delivery < maxDeliveries) {
      const delivery = pending.delivery;
      this.#later(redeliverAfterMs, () => {
        if (!pending.settled && pending.delivery === delivery) this.#deliver(id, pending);
      });
    } else {
      // The last delivery: a late ACK is still recorded for a while, then the frame is forgotten.
      this.#later(FORGET_AFTER_MS, () => {
        if (!pending.settled) this.#pending.delete(id);
      });
    }
    return connection.id;
  }

  #onAck(connection: Connection, raw: RawData): void {
    let upstream: { code?: unknown; message?: unknown; headers?: { messageId?: unknown }; data?: unknown };
    try {
      upstream = JSON.parse(raw.toString());
    } catch {
      this.#sb.logger.warn({ connectionId: connection.id }, 'sandbox stream got a frame that is not JSON');
      return;
    }
    const id = String(upstream.headers?.messageId ?? '');
    const pending = this.#pending.get(id);
    if (!pending) return;
    let data: unknown = upstream.data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        // Kept as the text it was: an ACK whose data is not JSON is itself worth seeing.
      }
    }
    const ack: StreamAck = {
      messageId: id,
      type: pending.frame.type,
      topic: pending.frame.headers.topic ?? '',
      connectionId: connection.id,
      code: Number(upstream.code),
      message: typeof upstream.message === 'string' ? upstream.message : undefined,
      data,
      at: new Date(this.#sb.now()).toISOString(),
      delivery: pending.delivery,
      ms: Math.round(performance.now() - pending.sentAt),
    };
    this.acks.push(ack);
    if (this.acks.length > KEEP_ACKS) this.acks.shift();
    pending.first?.(ack);
    if (pending.policy.settles?.(ack) ?? true) {
      pending.settled = true;
      this.#pending.delete(id);
    }
  }

  #later(ms: number, fn: () => void): void {
    const timer = sleepTimer(ms, () => {
      this.#timers.delete(timer);
      fn();
    });
    this.#timers.add(timer);
  }
}
