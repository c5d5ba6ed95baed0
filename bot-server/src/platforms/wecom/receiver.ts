// The WeCom callback, framework-neutral: the Koa route hands over the decoded query and the raw
// body text and gets a ChatEvent or a typed error carrying the HTTP status to answer.
import { randomBytes } from 'node:crypto';
import type { CardActionEvent, ChatEvent } from '../common.js';
import { storable } from '../text-hygiene.js';
import { assertFresh, type SignedParams, WeComCrypto } from './crypto.js';
import { WeComMalformedError, WeComPayloadTooLargeError } from './errors.js';
import { parseWeComEvent } from './events.js';
import { buildXml, cdata, DEFAULT_MAX_XML_BYTES, parseXml } from './xml.js';

/** WeCom does not mandate a window (reference §2); five minutes absorbs clock drift and its retries. */
export const DEFAULT_FRESHNESS_WINDOW_MS = 5 * 60_000;

export interface WeComReceiverOptions {
  token: string;
  encodingAesKey: string;
  /** The receive id every payload must carry: the CorpID for a self-built app. */
  corpId: string;
  maxBodyBytes?: number;
  /** How far the signed timestamp may be from now, in either direction. */
  freshnessWindowMs?: number;
  /** Milliseconds since the epoch; tests pin it to the published vectors' time. */
  now?: () => number;
}

/** The query as Koa's `ctx.query` gives it: already URL-decoded once. */
export type CallbackQuery = Readonly<Record<string, string | string[] | undefined>>;

export class WeComReceiver {
  readonly #crypto: WeComCrypto;
  readonly #corpId: string;
  readonly #maxBodyBytes: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: WeComReceiverOptions) {
    this.#crypto = new WeComCrypto({
      token: options.token,
      encodingAesKey: options.encodingAesKey,
      receiveId: options.corpId,
    });
    this.#corpId = options.corpId;
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_XML_BYTES;
    this.#windowMs = options.freshnessWindowMs ?? DEFAULT_FRESHNESS_WINDOW_MS;
    this.#now = options.now ?? Date.now;
  }

  /** GET URL verification: the plaintext to answer verbatim with HTTP 200 (reference §1.3). */
  verifyUrl(query: CallbackQuery): string {
    const params = signedParams(query);
    // Base64 never contains a space: one here is a '+' that reached us unencoded and was decoded as a space.
    const echostr = single(query, 'echostr').replaceAll(' ', '+');
    this.#crypto.verifySignature(params, echostr);
    assertFresh(params.timestamp, this.#now(), this.#windowMs);
    return this.#crypto.decrypt(echostr);
  }

  /** An encrypted POST: signature, freshness, decryption, receive id, then the event (reference §1.4). */
  receive(query: CallbackQuery, rawBody: string): { event: ChatEvent } {
    const params = signedParams(query);
    const bytes = Buffer.byteLength(rawBody, 'utf8');
    if (bytes > this.#maxBodyBytes) throw new WeComPayloadTooLargeError(bytes, this.#maxBodyBytes);
    const envelope = parseXml(rawBody, this.#maxBodyBytes);
    const encrypt = envelope.Encrypt;
    if (typeof encrypt !== 'string' || encrypt === '')
      throw new WeComMalformedError('envelope has no Encrypt');
    // The signature covers the Encrypt text only, not the raw body.
    this.#crypto.verifySignature(params, encrypt);
    const now = this.#now();
    assertFresh(params.timestamp, now, this.#windowMs);
    const plaintext = this.#crypto.decrypt(encrypt);
    // Sealed by WeCom, so kept: characters PostgreSQL cannot store are dropped, not refused (a
    // refusal would only bring the same message back with every retry).
    return { event: storable(parseWeComEvent(plaintext, new Date(now))) };
  }

  /**
   * The encrypted passive reply that turns the clicked button of `event`'s card grey with the
   * text `replaceName`, for the clicking user only; valid only as the answer to that same request.
   */
  updateButtonReply(event: Pick<CardActionEvent, 'from'>, replaceName: string): string {
    if (replaceName === '') throw new RangeError('replaceName is empty');
    const timestamp = String(Math.floor(this.#now() / 1000));
    const reply = buildXml({
      ToUserName: cdata(event.from),
      FromUserName: cdata(this.#corpId),
      CreateTime: timestamp,
      MsgType: cdata('update_button'),
      Button: { ReplaceName: cdata(replaceName) },
    });
    return this.#crypto.sealReply(reply, timestamp, randomBytes(8).toString('hex'));
  }
}

function single(query: CallbackQuery, name: string): string {
  const value = query[name];
  if (typeof value !== 'string' || value === '')
    throw new WeComMalformedError(`query parameter ${name} is missing`);
  return value;
}

function signedParams(query: CallbackQuery): SignedParams {
  return {
    msgSignature: single(query, 'msg_signature'),
    timestamp: single(query, 'timestamp'),
    nonce: single(query, 'nonce'),
  };
}
