import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Middleware } from 'koa';
import { type WebSocket, WebSocketServer } from 'ws';
import type { SandboxContext } from '../context.js';
import { OneTimeCodes } from '../state/codes.js';
import { stableUuid } from '../state/ids.js';
import { StreamDeliveries } from './stream-deliveries.js';
import {
  type ConnectionInfo,
  messageId,
  type PushPolicy,
  type PushResult,
  type StreamAck,
  type StreamConnection,
  type Subscription,
} from './stream-frames.js';
import { type StreamTickets, streamOpenRoute } from './stream-open.js';

// The DingTalk Stream gateway (reference §2): POST /v1.0/gateway/connections/open hands out an
// endpoint and a ticket (90 s, single use; stream-open.ts); the WebSocket at STREAM_PATH takes
// `?ticket=`, pushes downstream frames to a connection subscribed to their topic (one picked at
// random when there are several), and waits for the ACK with the same messageId
// (stream-deliveries.ts). Unanswered robot messages come again after ~16 s, events without SUCCESS
// after ~60 s; a card callback gets one chance of 2 s.
//
// The real SDK (dingtalk-stream 2.1.5) posts to a hard-coded https://api.dingtalk.com; it is
// pointed here by what it does with the answer: it connects to whatever `endpoint` says. Kelian's
// receiver posts to `${DINGTALK_API_BASE}/v1.0/gateway/connections/open` itself.

export const STREAM_PATH = '/sandbox/dingtalk/stream';

const sleepTimer = (ms: number, fn: () => void) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return timer;
};

export class StreamGateway {
  readonly #sb: SandboxContext;
  readonly #tickets: StreamTickets;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #connections = new Map<string, StreamConnection>();
  readonly #deliveries: StreamDeliveries;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(sb: SandboxContext) {
    this.#sb = sb;
    this.#tickets = new OneTimeCodes(sb.now, 36);
    this.#deliveries = new StreamDeliveries(sb, {
      appId: stableUuid(`app:${sb.dingtalk.clientId}`),
      connections: () => this.#connections.values(),
      later: (ms, fn) => this.#later(ms, fn),
    });
  }

  /** The latest ACKs, oldest first. */
  get acks(): StreamAck[] {
    return this.#deliveries.acks;
  }

  /** POST /v1.0/gateway/connections/open; answers XML unless the caller accepts JSON (§2.1). */
  openRoute(): Middleware[] {
    return streamOpenRoute(this.#sb, this.#tickets, STREAM_PATH);
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
    return this.#deliveries.push(type, topic, data, policy, extraHeaders);
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
    this.#deliveries.stop();
    for (const connection of this.#connections.values()) connection.socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #adopt(socket: WebSocket, ticket: { subscriptions: Subscription[]; ua: string }): void {
    const connection: StreamConnection = {
      id: randomUUID(),
      ua: ticket.ua,
      subscriptions: ticket.subscriptions,
      openedAt: new Date(this.#sb.now()).toISOString(),
      socket,
    };
    this.#connections.set(connection.id, connection);
    this.#sb.logger.info({ connectionId: connection.id, ua: ticket.ua }, 'sandbox stream connection opened');
    socket.on('message', (raw) => this.#deliveries.onAck(connection, raw));
    socket.on('close', () => {
      this.#connections.delete(connection.id);
      this.#sb.logger.info({ connectionId: connection.id }, 'sandbox stream connection closed');
    });
  }

  #later(ms: number, fn: () => void): void {
    const timer = sleepTimer(ms, () => {
      this.#timers.delete(timer);
      fn();
    });
    this.#timers.add(timer);
  }
}
