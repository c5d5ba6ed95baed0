// DingTalk's HTTP event-subscription crypto (DingCallbackCrypto), byte-compatible with the official
// Java and Python libraries: SHA-1 over the sorted four strings, AES-256-CBC with the key's first
// 16 bytes as IV, PKCS#7 padding to 32-byte blocks, and the owner key (appKey / corpId / suiteKey)
// sealed after the message so a ciphertext made for another app is refused.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  type KeyObject,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';
import { ForgedRequestError, MalformedRequestError } from './errors.js';
import { assertFresh, ONE_HOUR_MS } from './freshness.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BLOCK = 32;

export function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/** Constant-time equality of two strings; unequal lengths are simply unequal. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The reply DingTalk expects to every event: the word `success`, encrypted and signed. */
export interface EncryptedReply {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}

/** The signature parameters of a callback, in whichever spelling DingTalk used. */
export interface SignedEnvelope {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypt: string;
}

export interface DingCallbackCryptoOptions {
  token: string;
  /** The 43-character `aes_key` from the console. */
  aesKey: string;
  /** appKey (clientId) for console subscriptions of internal apps, corpId for `register_call_back`, suiteKey for ISV suites. */
  ownerKey: string;
  /** How far the signed timestamp may be from now; default one hour. */
  maxSkewMs?: number;
}

export class DingCallbackCrypto {
  readonly #token: string;
  // Made once: given raw bytes, every cipher would make a KeyObject itself (most of a decrypt's cost).
  readonly #key: KeyObject;
  readonly #iv: Buffer;
  readonly #owner: string;
  readonly #maxSkewMs: number;

  constructor(options: DingCallbackCryptoOptions) {
    const key = Buffer.from(`${options.aesKey}=`, 'base64');
    // Error 900004 in DingTalk's libraries: anything but 43 base64 characters is a misconfiguration.
    if (!/^[A-Za-z0-9]{43}$/.test(options.aesKey) || key.length !== 32) {
      throw new Error('DingTalk aes_key must be exactly 43 characters [A-Za-z0-9] (900004)');
    }
    this.#token = options.token;
    this.#key = createSecretKey(key);
    this.#iv = key.subarray(0, 16);
    this.#owner = options.ownerKey;
    this.#maxSkewMs = options.maxSkewMs ?? ONE_HOUR_MS;
  }

  signature(timestamp: string, nonce: string, encrypt: string): string {
    return createHash('sha1').update([this.#token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
  }

  encrypt(message: string, random16: string = randomAlnum(16)): string {
    const msg = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(msg.length);
    const raw = Buffer.concat([Buffer.from(random16, 'utf8'), length, msg, Buffer.from(this.#owner, 'utf8')]);
    const pad = BLOCK - (raw.length % BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.#key, this.#iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([
      cipher.update(Buffer.concat([raw, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]).toString('base64');
  }

  /** Decrypts without checking the signature; use `open` for anything received. */
  decrypt(encrypt: string): string {
    const data = Buffer.from(encrypt, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) {
      throw new MalformedRequestError('ciphertext is not a whole number of AES blocks');
    }
    const decipher = createDecipheriv('aes-256-cbc', this.#key, this.#iv);
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);
    // The official libraries treat an out-of-range pad byte as "no padding" instead of failing; the
    // owner check below rejects whatever garbage that leaves.
    const pad = plain[plain.length - 1] ?? 0;
    const body = plain.subarray(0, plain.length - (pad >= 1 && pad <= BLOCK ? pad : 0));
    if (body.length < 20) throw new MalformedRequestError('plaintext too short');
    const length = body.readUInt32BE(16);
    if (20 + length > body.length) throw new MalformedRequestError('plaintext length field out of range');
    if (body.subarray(20 + length).toString('utf8') !== this.#owner) {
      throw new ForgedRequestError('wrong_owner', 'the payload was encrypted for another app or corp');
    }
    return body.subarray(20, 20 + length).toString('utf8');
  }

  /** Verifies freshness and signature, then decrypts: the order that spends no AES on forgeries. */
  open(envelope: SignedEnvelope, now: number = Date.now()): string {
    assertFresh(envelope.timestamp, now, this.#maxSkewMs);
    const expected = this.signature(envelope.timestamp, envelope.nonce, envelope.encrypt);
    if (!safeEqual(expected, envelope.signature)) {
      throw new ForgedRequestError('bad_signature', 'signature mismatch');
    }
    return this.decrypt(envelope.encrypt);
  }

  /**
   * The JSON body answering a callback. Milliseconds and a 16-character nonce, as the Java library
   * requires of its own replies; DingTalk accepts them.
   */
  seal(
    message: string,
    timeStamp: string = String(Date.now()),
    nonce: string = randomAlnum(16),
  ): EncryptedReply {
    const encrypt = this.encrypt(message);
    return { msg_signature: this.signature(timeStamp, nonce, encrypt), timeStamp, nonce, encrypt };
  }
}
