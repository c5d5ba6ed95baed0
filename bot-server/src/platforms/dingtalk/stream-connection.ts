// One Stream WebSocket, as a subclass of the official SDK client. Each connection is its own
// DWClient: a reconnect builds a new one instead of reusing the old socket, which is how the SDK
// leaks sockets and stacks reconnects (dingtalk-stream-sdk-nodejs #16, #18). What is overridden,
// and why:
// - getEndpoint: the SDK posts to a hard-coded api.dingtalk.com; we post to the configured gateway
//   (a sandbox can stand in) and URL-encode the ticket as the Python SDK does.
// - onEvent: the SDK sends its ACK as soon as a synchronous listener returns; we ACK after the
//   event is handed over, which may take a promise.
// - _connect / onDownStream / onSystem: to learn of close and `disconnect`, keep a heartbeat, and
//   survive an unparsable frame (the SDK's JSON.parse would throw out of the socket listener).
// The SDK's own reconnect is off: it retries every second, twice per failure.
// `dw_url` and `socket` are private in the SDK's types; dingtalk-stream is pinned to 2.1.5 and the
// Stream tests fail if either moves.
import type { AxiosInstance } from 'axios';
import { DWClient, type DWClientDownStream, TOPIC_CARD, TOPIC_ROBOT } from 'dingtalk-stream';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import { z } from 'zod';

export interface ConnectionHooks {
  /** A robot message or card callback frame; answer it with `socketCallBackResponse`. */
  onCallback(connection: StreamConnection, frame: DWClientDownStream): void;
  /** An EVENT frame; answer it with `send(messageId, {status, message})`. */
  onEventFrame(connection: StreamConnection, frame: DWClientDownStream): void;
  /** The server announced it will close this connection in about ten seconds. */
  onServerDisconnect(connection: StreamConnection): void;
  onClose(connection: StreamConnection): void;
}

export interface StreamConnectionOptions {
  clientId: string;
  clientSecret: string;
  /** Full URL of `POST /v1.0/gateway/connections/open`. */
  gatewayUrl: string;
  http: AxiosInstance;
  hooks: ConnectionHooks;
  logger: Logger;
  /** WebSocket ping interval; two silent intervals mean the connection is dead. */
  heartbeatMs: number;
}

const gatewayAnswer = z.looseObject({ endpoint: z.string().min(1), ticket: z.string().min(1) });

export class StreamConnection extends DWClient {
  readonly #o: StreamConnectionOptions;
  #heartbeat: NodeJS.Timeout | undefined;
  #lastSeen = 0;
  #closed: Promise<void> | undefined;

  constructor(options: StreamConnectionOptions) {
    super({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      ua: 'kelian-dingtalk-stream/2.1.5',
    });
    this.#o = options;
    this.config.autoReconnect = false;
    // The SDK shallow-copies its defaults, so every client shares one `subscriptions` array and
    // registerCallbackListener would add our topics to every DWClient in the process.
    this.config.subscriptions = [{ type: 'EVENT', topic: '*' }];
    this.registerCallbackListener(TOPIC_ROBOT, (frame) => options.hooks.onCallback(this, frame));
    this.registerCallbackListener(TOPIC_CARD, (frame) => options.hooks.onCallback(this, frame));
  }

  get isOpen(): boolean {
    return this.#socket()?.readyState === WebSocket.OPEN;
  }

  #socket(): WebSocket | undefined {
    return (this as unknown as { socket?: WebSocket }).socket;
  }

  override async getEndpoint(): Promise<this> {
    const { clientId, clientSecret, ua, subscriptions } = this.config;
    let res: { status: number; data: unknown };
    try {
      res = await this.#o.http.post(
        this.#o.gatewayUrl,
        { clientId, clientSecret, ua, subscriptions },
        // Without Accept the gateway answers XML (a comment in the SDK).
        { headers: { Accept: 'application/json' }, validateStatus: () => true },
      );
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unknown';
      this.#o.logger.warn({ code }, 'dingtalk stream gateway unreachable');
      throw error;
    }
    const answer = gatewayAnswer.safeParse(res.data);
    if (res.status !== 200 || !answer.success) {
      const code = (res.data as { code?: unknown } | undefined)?.code;
      this.#o.logger.error({ status: res.status, code }, 'dingtalk stream gateway refused the connection');
      throw new Error(`gateway answered HTTP ${res.status}`);
    }
    (this as unknown as { dw_url: string }).dw_url =
      `${answer.data.endpoint}?ticket=${encodeURIComponent(answer.data.ticket)}`;
    return this;
  }

  override async _connect(): Promise<void> {
    try {
      await super._connect();
    } catch (error) {
      this.#o.logger.warn({ err: String(error) }, 'dingtalk stream handshake failed');
      throw error;
    }
    const socket = this.#socket();
    if (!socket) return;
    this.#lastSeen = Date.now();
    this.#closed = new Promise((resolve) =>
      socket.once('close', () => {
        clearInterval(this.#heartbeat);
        this.#o.hooks.onClose(this);
        resolve();
      }),
    );
    socket.on('pong', () => {
      this.#lastSeen = Date.now();
    });
    this.#heartbeat = setInterval(() => this.#beat(socket), this.#o.heartbeatMs);
    this.#heartbeat.unref();
  }

  #beat(socket: WebSocket): void {
    if (Date.now() - this.#lastSeen > 2 * this.#o.heartbeatMs) {
      this.#o.logger.warn('dingtalk stream connection silent; terminating it');
      socket.terminate();
      return;
    }
    socket.ping();
  }

  override onDownStream(data: string): void {
    this.#lastSeen = Date.now();
    try {
      super.onDownStream(data);
    } catch (error) {
      this.#o.logger.warn({ err: String(error) }, 'dingtalk stream frame unreadable; dropped');
    }
  }

  override onSystem(frame: DWClientDownStream): void {
    super.onSystem(frame);
    if (frame.headers.topic === 'disconnect') this.#o.hooks.onServerDisconnect(this);
  }

  override onEvent(frame: DWClientDownStream): void {
    this.#o.hooks.onEventFrame(this, frame);
  }

  /** Closes the socket politely, and for good if the close handshake hangs. Resolves once closed. */
  async shutdown(): Promise<void> {
    const socket = this.#socket();
    if (!socket || !this.#closed) {
      socket?.terminate();
      return;
    }
    this.disconnect();
    const force = setTimeout(() => socket.terminate(), 3_000);
    force.unref();
    await this.#closed;
    clearTimeout(force);
  }
}
