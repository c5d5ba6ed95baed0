// WXBizMsgCrypt: the signature and AES scheme of WeCom callbacks (reference §1).
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  type KeyObject,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import {
  WeComConfigError,
  WeComDecryptError,
  WeComMalformedError,
  WeComReceiveIdError,
  WeComSignatureError,
  WeComStaleError,
} from './errors.js';
import { buildXml, cdata } from './xml.js';

/** WeCom pads to 32-byte blocks, not AES's 16: Node's automatic padding cannot be used (reference §1.2). */
const PAD_BLOCK = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;
const SIGNATURE = /^[0-9a-f]{40}$/;
const TIMESTAMP = /^\d{1,12}$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface WeComCryptoOptions {
  /** The callback Token of the app. */
  token: string;
  /** The 43-character EncodingAESKey of the app. */
  encodingAesKey: string;
  /** Who the payloads are addressed to: the CorpID for a self-built app (reference §1.1). */
  receiveId: string;
}

/** The query parameters WeCom signs: decoded exactly once (Koa's ctx.query already is). */
export interface SignedParams {
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** sha1 of the four strings sorted as plain strings and joined with no separator (reference §1.2). */
export function wecomSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sha1Hex([token, timestamp, nonce, encrypt].sort().join(''));
}

/**
 * Refuses a timestamp (seconds) further than `windowMs` from `nowMs`, in either direction: an old
 * one is a replay, a future one a forged or broken clock. WeCom does not mandate this (§2).
 */
export function assertFresh(timestamp: string, nowMs: number, windowMs: number): void {
  if (!TIMESTAMP.test(timestamp)) throw new WeComMalformedError('timestamp is not a number of seconds');
  const skewMs = Math.abs(nowMs - Number(timestamp) * 1000);
  if (skewMs > windowMs) throw new WeComStaleError(skewMs);
}

export class WeComCrypto {
  readonly #token: string;
  // A KeyObject made once: given raw bytes, every cipher would make one itself (five times the cost
  // of decrypting a callback).
  readonly #key: KeyObject;
  readonly #iv: Buffer;
  readonly #receiveId: string;

  constructor(options: WeComCryptoOptions) {
    if (options.token === '') throw new WeComConfigError('WeCom callback token is empty');
    if (!ENCODING_AES_KEY.test(options.encodingAesKey)) {
      throw new WeComConfigError('WeCom EncodingAESKey must be 43 characters [A-Za-z0-9]');
    }
    const key = Buffer.from(`${options.encodingAesKey}=`, 'base64');
    // 43 characters carry 258 bits; WeCom's keys use the 2 spare bits (the published one does), so they are dropped.
    if (key.length !== 32) {
      throw new WeComConfigError('WeCom EncodingAESKey does not decode to 32 bytes');
    }
    this.#token = options.token;
    this.#key = createSecretKey(key);
    this.#iv = key.subarray(0, 16);
    this.#receiveId = options.receiveId;
  }

  signature(timestamp: string, nonce: string, encrypt: string): string {
    return wecomSignature(this.#token, timestamp, nonce, encrypt);
  }

  /** Throws WeComSignatureError unless `params.msgSignature` signs `encrypt`; compared in constant time. */
  verifySignature(params: SignedParams, encrypt: string): void {
    const expected = Buffer.from(this.signature(params.timestamp, params.nonce, encrypt), 'latin1');
    const given = Buffer.from(params.msgSignature.toLowerCase(), 'latin1');
    if (!SIGNATURE.test(params.msgSignature.toLowerCase()) || !timingSafeEqual(expected, given)) {
      throw new WeComSignatureError();
    }
  }

  /** base64( AES-256-CBC( random16 ‖ uint32be(len) ‖ msg ‖ receiveId, PKCS#7 to 32 ) ). */
  encrypt(message: string, random: Buffer = randomBytes(RANDOM_BYTES)): string {
    if (random.length !== RANDOM_BYTES) throw new RangeError('random prefix must be 16 bytes');
    const msg = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32BE(msg.length);
    const plain = Buffer.concat([random, length, msg, Buffer.from(this.#receiveId, 'utf8')]);
    const pad = PAD_BLOCK - (plain.length % PAD_BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.#key, this.#iv).setAutoPadding(false);
    return Buffer.concat([
      cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]).toString('base64');
  }

  /**
   * The message inside `encrypted`. Throws WeComDecryptError on anything but a well-formed plaintext
   * (padding checked byte by byte) and WeComReceiveIdError when it is addressed to another receiver.
   */
  decrypt(encrypted: string): string {
    if (encrypted.length % 4 !== 0 || !BASE64.test(encrypted)) {
      throw new WeComDecryptError('ciphertext is not base64');
    }
    const cipherText = Buffer.from(encrypted, 'base64');
    if (cipherText.length === 0 || cipherText.length % PAD_BLOCK !== 0) {
      throw new WeComDecryptError('ciphertext is not a whole number of 32-byte blocks');
    }
    const decipher = createDecipheriv('aes-256-cbc', this.#key, this.#iv).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);

    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > PAD_BLOCK || plain.subarray(plain.length - pad).some((byte) => byte !== pad)) {
      throw new WeComDecryptError('invalid PKCS#7 padding');
    }
    const content = plain.subarray(0, plain.length - pad);
    if (content.length < RANDOM_BYTES + LENGTH_BYTES) throw new WeComDecryptError('plaintext too short');
    const msgLength = content.readUInt32BE(RANDOM_BYTES);
    const msgEnd = RANDOM_BYTES + LENGTH_BYTES + msgLength;
    if (msgEnd > content.length) throw new WeComDecryptError('message length exceeds the plaintext');

    let message: string;
    let receiveId: string;
    try {
      message = strictUtf8.decode(content.subarray(RANDOM_BYTES + LENGTH_BYTES, msgEnd));
      receiveId = strictUtf8.decode(content.subarray(msgEnd));
    } catch {
      throw new WeComDecryptError('plaintext is not UTF-8');
    }
    if (receiveId !== this.#receiveId) throw new WeComReceiveIdError(receiveId);
    return message;
  }

  /** GET URL verification (§1.3): the plaintext of `echostr`, to be answered verbatim. */
  verifyEchostr(params: SignedParams, echostr: string): string {
    this.verifySignature(params, echostr);
    return this.decrypt(echostr);
  }

  /** The encrypted passive-reply envelope (§1.5) around `replyXml`, signed with `timestamp` and `nonce`. */
  sealReply(replyXml: string, timestamp: string, nonce: string, random?: Buffer): string {
    const encrypt = this.encrypt(replyXml, random);
    return buildXml({
      Encrypt: cdata(encrypt),
      MsgSignature: cdata(this.signature(timestamp, nonce, encrypt)),
      TimeStamp: timestamp,
      Nonce: cdata(nonce),
    });
  }
}
