// DingTalk Stream mode: robot messages, card callbacks and subscription events over the official
// SDK's WebSocket, without a public URL. Every frame is ACKed explicitly and only after `onEvent`
// has taken the event (stored it in the inbox): a failed hand-over is answered LATER (events, which
// DingTalk then redelivers) or not ACKed at all (callbacks, which it may redeliver). Reconnects use
// exponential backoff with jitter on a fresh connection; a server `disconnect` opens the next
// connection at once while the old one drains.
import axios from 'axios';
import { type DWClientDownStream, EventAck, TOPIC_ROBOT } from 'dingtalk-stream';
import type { Logger } from 'pino';
import type { ChatEvent } from '../common.js';
import { storable, storableText } from '../text-hygiene.js';
import { type Backoff, backoffDelay } from './backoff.js';
import { CARD_CALLBACK_ACCEPTED } from './card-callback.js';
import { DingTalkInboundError } from './errors.js';
import {
  parseJsonObject,
  robotMessageEvent,
  streamCardCallbackEvent,
  streamSubscriptionEvents,
} from './events.js';
import { type ConnectionHooks, StreamConnection } from './stream-connection.js';

export interface DingTalkStreamReceiverOptions {
  clientId: string;
  clientSecret: string;
  /** Host serving `POST /v1.0/gateway/connections/open`; default https://api.dingtalk.com. */
  endpointBase?: string;
  /** Stores the event (inbox); the frame is ACKed once this resolves. */
  onEvent: (event: ChatEvent) => Promise<void>;
  logger: Logger;
  /** Reconnect delays; default 1 s doubling up to 60 s. */
  backoff?: Backoff;
  /** WebSocket ping interval; default 30 s (the SDK's 8 s kills busy processes' connections). */
  heartbeatMs?: number;
}

/** The server closes a connection about ten seconds after announcing `disconnect`. */
const DRAIN_MS = 12_000;
/** How long `stop()` lets frames in hand-over finish so their ACKs still go out. */
const STOP_GRACE_MS = 5_000;

export class DingTalkStreamReceiver {
  readonly #o: DingTalkStreamReceiverOptions;
  readonly #gatewayUrl: string;
  readonly #backoff: Backoff;
  readonly #http = axios.create({ timeout: 10_000 });
  readonly #hooks: ConnectionHooks;
  #stopped = true;
  #current: StreamConnection | undefined;
  readonly #draining = new Set<StreamConnection>();
  #opening: Promise<void> | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #attempt = 0;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: DingTalkStreamReceiverOptions) {
    this.#o = options;
    this.#gatewayUrl = `${(options.endpointBase ?? 'https://api.dingtalk.com').replace(/\/+$/, '')}/v1.0/gateway/connections/open`;
    this.#backoff = options.backoff ?? { initialMs: 1_000, maxMs: 60_000 };
    this.#hooks = {
      onCallback: (conn, frame) => this.#track(this.#handleCallback(conn, frame)),
      onEventFrame: (conn, frame) => this.#track(this.#handleEvent(conn, frame)),
      onServerDisconnect: (conn) => this.#onServerDisconnect(conn),
      onClose: (conn) => this.#onClose(conn),
    };
  }

  get connected(): boolean {
    return this.#current?.isOpen ?? false;
  }

  /**
   * Opens the first connection. Resolves after that attempt whether or not it succeeded: a
   * gateway that is down at boot is retried in the background instead of blocking start-up.
   */
  async start(): Promise<void> {
    if (!this.#stopped) return;
    this.#stopped = false;
    await this.#open();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    await this.#opening;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#inFlight]),
      new Promise((resolve) => {
        grace = setTimeout(resolve, STOP_GRACE_MS);
      }),
    ]);
    clearTimeout(grace);
    const all = [...this.#draining, ...(this.#current ? [this.#current] : [])];
    this.#current = undefined;
    this.#draining.clear();
    await Promise.all(all.map((conn) => conn.shutdown()));
  }

  // -------------------------------------------------------------------------------------------
  // Connection lifecycle

  #open(): Promise<void> {
    this.#opening ??= this.#connect().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #connect(): Promise<void> {
    this.#retryTimer = undefined;
    const conn = new StreamConnection({
      clientId: this.#o.clientId,
      clientSecret: this.#o.clientSecret,
      gatewayUrl: this.#gatewayUrl,
      http: this.#http,
      hooks: this.#hooks,
      logger: this.#o.logger,
      heartbeatMs: this.#o.heartbeatMs ?? 30_000,
    });
    // The SDK's connect() never rejects; whether it worked is read from the socket.
    await conn.connect();
    if (this.#stopped) {
      await conn.shutdown();
      return;
    }
    if (!conn.isOpen) {
      await conn.shutdown();
      this.#scheduleReconnect('connect failed');
      return;
    }
    this.#current = conn;
    this.#attempt = 0;
    this.#o.logger.info('dingtalk stream connected');
  }

  #scheduleReconnect(reason: string): void {
    if (this.#stopped || this.#retryTimer) return;
    const delayMs = backoffDelay(this.#backoff, this.#attempt++);
    this.#o.logger.warn({ reason, delayMs, attempt: this.#attempt }, 'dingtalk stream reconnecting');
    this.#retryTimer = setTimeout(() => void this.#open(), delayMs);
  }

  #onClose(conn: StreamConnection): void {
    this.#draining.delete(conn);
    if (conn !== this.#current) return;
    this.#current = undefined;
    // A connection already being opened (after a server `disconnect`) replaces this one.
    if (!this.#opening) this.#scheduleReconnect('connection closed');
  }

  #onServerDisconnect(conn: StreamConnection): void {
    if (conn !== this.#current || this.#stopped) return;
    this.#o.logger.info('dingtalk stream server is rotating the connection; opening the next one');
    // The old socket stays open so ACKs of frames in hand-over still reach the server.
    this.#current = undefined;
    this.#draining.add(conn);
    setTimeout(() => void conn.shutdown(), DRAIN_MS).unref();
    void this.#open();
  }

  // -------------------------------------------------------------------------------------------
  // Frames

  #track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => {
        this.#o.logger.error({ err: String(error) }, 'dingtalk stream frame handling failed');
      })
      .finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  /** Hands events over one by one; false if any hand-over failed. */
  async #handOver(events: ChatEvent[], messageId: string): Promise<boolean> {
    try {
      // Characters PostgreSQL cannot store are dropped: refusing would lose the message for good.
      for (const event of events) await this.#o.onEvent(storable(event));
      return true;
    } catch (error) {
      this.#o.logger.error({ messageId, err: String(error) }, 'dingtalk stream event hand-over failed');
      return false;
    }
  }

  async #handleCallback(conn: StreamConnection, frame: DWClientDownStream): Promise<void> {
    const { messageId, topic } = frame.headers;
    const isRobot = topic === TOPIC_ROBOT;
    // A raw NUL would make the JSON unreadable; without it the frame is read like any other.
    const data = storableText(frame.data);
    let event: ChatEvent;
    try {
      event = isRobot
        ? robotMessageEvent(parseJsonObject(data, 'robot message'))
        : streamCardCallbackEvent(frame.headers, data);
    } catch (error) {
      if (!(error instanceof DingTalkInboundError)) throw error;
      // Redelivering a payload we cannot read would fail the same way: ACK it, keep the trace.
      this.#o.logger.warn(
        { messageId, topic, reason: error.message },
        'dingtalk stream callback unreadable; dropped',
      );
      conn.socketCallBackResponse(messageId, null);
      return;
    }
    // Not ACKed on failure so that DingTalk may deliver it again (observed ~16 s later for robot
    // messages, although the FAQ calls them fire-and-forget); the inbox dedupes a second copy.
    if (!(await this.#handOver([event], messageId))) return;
    // Robot ACKs are only diagnostic (`response` is ignored); card ACKs carry the clicker's update.
    conn.socketCallBackResponse(messageId, isRobot ? null : CARD_CALLBACK_ACCEPTED);
  }

  async #handleEvent(conn: StreamConnection, frame: DWClientDownStream): Promise<void> {
    const { messageId } = frame.headers;
    let events: ChatEvent[];
    try {
      events = streamSubscriptionEvents(frame.headers, storableText(frame.data));
    } catch (error) {
      if (!(error instanceof DingTalkInboundError)) throw error;
      this.#o.logger.warn({ messageId, reason: error.message }, 'dingtalk stream event unreadable; dropped');
      conn.send(messageId, { status: EventAck.SUCCESS, message: 'unreadable, dropped' });
      return;
    }
    const ok = await this.#handOver(events, messageId);
    conn.send(
      messageId,
      ok ? { status: EventAck.SUCCESS, message: 'ok' } : { status: EventAck.LATER, message: 'retry' },
    );
  }
}
