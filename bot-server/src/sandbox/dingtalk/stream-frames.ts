// The Stream protocol's shapes as the sandbox gateway speaks them (reference §2): frames, ACKs,
// connections and their subscriptions, and DingTalk-looking message ids.
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';

export type FrameType = 'SYSTEM' | 'EVENT' | 'CALLBACK';

/** A downstream frame before it names the connection it goes to. */
export interface Frame {
  type: FrameType;
  headers: Record<string, string>;
  data: string;
}

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

export interface Subscription {
  type: string;
  topic: string;
}

export interface ConnectionInfo {
  id: string;
  ua: string;
  subscriptions: Subscription[];
  openedAt: string;
}

export interface StreamConnection extends ConnectionInfo {
  socket: WebSocket;
}

/** A messageId shaped like DingTalk's, e.g. `213d841d_972_1898bb26334_70a7`. */
export function messageId(now: number): string {
  const hex = randomBytes(8).toString('hex');
  return `${hex.slice(0, 8)}_${Number.parseInt(hex.slice(8, 12), 16) % 1000}_${now.toString(16)}_${hex.slice(12, 16)}`;
}
