import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { randomAlnum } from '../state/ids.js';

// DingTalk's side of HTTP mode (reference §1.2, §3.1, §5.3), written from the reference with
// node:crypto so the sandbox stays an independent peer of Kelian's own implementation.

/** Event subscription signature: sha1 of the four strings sorted and joined. */
export function eventSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

const keyOf = (aesKey: string) => Buffer.from(`${aesKey}=`, 'base64');

/** AES-256-CBC, PKCS#7 padded to 32 bytes: random16 | len | msg | ownerKey. */
export function encryptEvent(aesKey: string, ownerKey: string, message: string): string {
  const key = keyOf(aesKey);
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const raw = Buffer.concat([Buffer.from(randomAlnum(16)), len, msg, Buffer.from(ownerKey)]);
  const pad = 32 - (raw.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([raw, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

/** The message, or undefined when the ciphertext is broken or belongs to another owner. */
export function decryptEvent(aesKey: string, ownerKey: string, encrypted: string): string | undefined {
  try {
    const key = keyOf(aesKey);
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const buf = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    const pad = buf[buf.length - 1] ?? 0;
    const body = buf.subarray(0, buf.length - (pad >= 1 && pad <= 32 ? pad : 0));
    const len = body.readUInt32BE(16);
    if (body.subarray(20 + len).toString('utf8') !== ownerKey) return undefined;
    return body.subarray(20, 20 + len).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Robot message headers: sign = base64(HmacSHA256(appSecret, timestamp + "\n" + appSecret)). */
export function robotSign(appSecret: string, timestamp: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`).digest('base64');
}

/** HTTP card callbacks: x-ddpaas-signature = base64(HmacSHA256(apiSecret, timestamp)). */
export function cardCallbackSign(apiSecret: string, timestamp: string): string {
  return createHmac('sha256', apiSecret).update(timestamp).digest('base64');
}
