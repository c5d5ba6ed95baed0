// Framework-neutral handlers for DingTalk's HTTP mode. Each verifies first, parses second, and
// returns the events to store plus the exact body to answer with; a refusal is a thrown
// DingTalkInboundError whose `status` the route answers with, having stored nothing.
import { createHash } from 'node:crypto';
import type { ChatEvent } from '../common.js';
import { storable, storableText } from '../text-hygiene.js';
import { CARD_CALLBACK_ACCEPTED, type CardCallbackResponse } from './card-callback.js';
import { verifyCardCallbackRequest } from './card-sign.js';
import { DingCallbackCrypto, type EncryptedReply } from './crypto.js';
import { MalformedRequestError } from './errors.js';
import { cardCallbackEvent, httpSubscriptionEvents, parseJsonObject, robotMessageEvent } from './events.js';
import { verifyRobotRequest } from './robot-sign.js';

type Query = Record<string, string | string[] | undefined>;
type Headers = Record<string, string | string[] | undefined>;

/** What the route does after a successful call: store `events`, then answer 200 with `body` as JSON. */
export interface HttpReceipt<Body> {
  status: 200;
  body: Body;
  events: ChatEvent[];
}

/** An HTTP robot answer that posts nothing in-line; replies go through the sessionWebhook. */
export const ROBOT_EMPTY_REPLY = Object.freeze({ msgtype: 'empty' as const });

export interface DingTalkHttpReceiverOptions {
  /** Event subscription settings from the console (事件订阅 → HTTP 推送). */
  callback: { token: string; aesKey: string; ownerKey: string };
  /** The app secret (clientSecret): robot messages are signed with it. */
  appSecret: string;
  /** The `apiSecret` given to /v1.0/card/callbacks/register: card callbacks are signed with it. */
  cardApiSecret: string;
  /** Accepted clock difference for every signed timestamp; default one hour. */
  maxSkewMs?: number;
  now?: () => number;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function text(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
}

/**
 * What was verified is kept: characters PostgreSQL cannot store are dropped from the events, not
 * refused, since a refusal makes DingTalk deliver the same thing again and again.
 */
function receipt<B>(body: B, events: ChatEvent[]): HttpReceipt<B> {
  return { status: 200, body, events: events.map(storable) };
}

export class DingTalkHttpReceiver {
  readonly #crypto: DingCallbackCrypto;
  readonly #options: DingTalkHttpReceiverOptions;
  readonly #now: () => number;

  constructor(options: DingTalkHttpReceiverOptions) {
    this.#crypto = new DingCallbackCrypto({ ...options.callback, maxSkewMs: options.maxSkewMs });
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** `POST /dingtalk/events`: encrypted event subscription, including the `check_url` handshake. */
  events(request: { query: Query; body: string | Uint8Array }): HttpReceipt<EncryptedReply> {
    const q = request.query;
    // Both spellings are in use: the legacy msg_signature/timeStamp and the newer signature/timestamp.
    const signature = first(q.msg_signature) ?? first(q.signature);
    const timestamp = first(q.timeStamp) ?? first(q.timestamp);
    const nonce = first(q.nonce);
    if (!signature || !timestamp || nonce === undefined) {
      throw new MalformedRequestError('missing signature, timestamp or nonce');
    }
    const encrypt = parseJsonObject(text(request.body), 'body').encrypt;
    if (typeof encrypt !== 'string' || encrypt === '') throw new MalformedRequestError('body has no encrypt');
    const plaintext = this.#crypto.open({ signature, timestamp, nonce, encrypt }, this.#now());
    const events = httpSubscriptionEvents(storableText(plaintext));
    // Unknown event types get `success` too: anything else makes DingTalk retry them forever.
    return receipt(this.#crypto.seal('success', String(this.#now())), events);
  }

  /** `POST /dingtalk/robot`: a message to the app robot, signed in the `timestamp`/`sign` headers. */
  robot(request: { headers: Headers; body: string | Uint8Array }): HttpReceipt<typeof ROBOT_EMPTY_REPLY> {
    verifyRobotRequest(request.headers, this.#options.appSecret, this.#now(), this.#options.maxSkewMs);
    const event = robotMessageEvent(parseJsonObject(storableText(text(request.body)), 'robot message'));
    return receipt(ROBOT_EMPTY_REPLY, [event]);
  }

  /** `POST /dingtalk/card`: a card button click, for cards created with callbackType HTTP. */
  card(request: { headers: Headers; body: string | Uint8Array }): HttpReceipt<CardCallbackResponse> {
    const at = verifyCardCallbackRequest(
      request.headers,
      this.#options.cardApiSecret,
      this.#now(),
      this.#options.maxSkewMs,
    );
    const raw = text(request.body);
    // HTTP card callbacks carry no message id. The signed timestamp plus the body identifies one
    // delivery: a retry repeats both, a second click gets a new timestamp.
    const dedupeKey = `card:${createHash('sha256').update(`${at}\n${raw}`).digest('hex')}`;
    const event = cardCallbackEvent(parseJsonObject(storableText(raw), 'card callback'), {
      dedupeKey,
      occurredAt: new Date(at),
    });
    return receipt(CARD_CALLBACK_ACCEPTED, [event]);
  }
}
