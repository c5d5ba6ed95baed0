// Frames on their way to Kelian: each goes to one connection subscribed to its topic (picked at
// random when there are several) and waits for the ACK with its messageId. Unanswered frames come
// again as their policy says; after the last delivery a late ACK is still recorded for a while.
import type { RawData } from 'ws';
import { WebSocket } from 'ws';
import type { SandboxContext } from '../context.js';
import {
  type Frame,
  messageId,
  type PushPolicy,
  type PushResult,
  type StreamAck,
  type StreamConnection,
} from './stream-frames.js';

const FORGET_AFTER_MS = 60_000;
const KEEP_ACKS = 1_000;

interface Pending {
  frame: Frame;
  delivery: number;
  sentAt: number;
  policy: PushPolicy;
  settled: boolean;
  first?: (ack: StreamAck | undefined) => void;
}

export interface StreamDeliveriesOptions {
  /** The `appId` header of every frame. */
  appId: string;
  /** The connections a frame may go to. */
  connections: () => Iterable<StreamConnection>;
  /** Runs `fn` after `ms` unless the gateway stops first. */
  later: (ms: number, fn: () => void) => void;
}

export class StreamDeliveries {
  /** The latest ACKs, oldest first, for the inspector. */
  readonly acks: StreamAck[] = [];
  readonly #pending = new Map<string, Pending>();

  constructor(
    private readonly sb: SandboxContext,
    private readonly options: StreamDeliveriesOptions,
  ) {}

  /** Sends a frame to one subscribed connection; resolves at its first ACK or after answerWithinMs. */
  push(
    type: 'EVENT' | 'CALLBACK',
    topic: string,
    data: unknown,
    policy: PushPolicy,
    extraHeaders: Record<string, string> = {},
  ): Promise<PushResult> {
    const id = messageId(this.sb.now());
    const frame: Frame = {
      type,
      headers: {
        appId: this.options.appId,
        contentType: 'application/json',
        messageId: id,
        time: String(this.sb.now()),
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
      this.options.later(policy.answerWithinMs, () => pending.first?.(undefined));
    });
  }

  /** A frame from a connection: the ACK of a pending frame, or nothing worth keeping. */
  onAck(connection: StreamConnection, raw: RawData): void {
    let upstream: { code?: unknown; message?: unknown; headers?: { messageId?: unknown }; data?: unknown };
    try {
      upstream = JSON.parse(raw.toString());
    } catch {
      this.sb.logger.warn({ connectionId: connection.id }, 'sandbox stream got a frame that is not JSON');
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
      at: new Date(this.sb.now()).toISOString(),
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

  /** Every waiting push resolves without an ACK; nothing is delivered again. */
  stop(): void {
    for (const pending of this.#pending.values()) pending.first?.(undefined);
    this.#pending.clear();
  }

  /** Sends (again) to a random subscribed connection; returns its id, or undefined when none. */
  #deliver(id: string, pending: Pending): string | undefined {
    // EVENT subscriptions are always to `*`; which events arrive is chosen in the developer console.
    const wanted =
      pending.frame.type === 'EVENT'
        ? { type: 'EVENT', topic: '*' }
        : { type: 'CALLBACK', topic: pending.frame.headers.topic };
    const candidates = [...this.options.connections()].filter(
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
      this.options.later(redeliverAfterMs, () => {
        if (!pending.settled && pending.delivery === delivery) this.#deliver(id, pending);
      });
    } else {
      // The last delivery: a late ACK is still recorded for a while, then the frame is forgotten.
      this.options.later(FORGET_AFTER_MS, () => {
        if (!pending.settled) this.#pending.delete(id);
      });
    }
    return connection.id;
  }
}
