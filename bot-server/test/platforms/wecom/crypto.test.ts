import { createCipheriv, createDecipheriv } from 'node:crypto';
import { decrypt as peerDecrypt, encrypt as peerEncrypt, getSignature as peerSignature } from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { assertFresh, WeComCrypto, wecomSignature } from '../../../src/platforms/wecom/crypto.js';
import {
  WeComConfigError,
  WeComDecryptError,
  WeComReceiveIdError,
  WeComSignatureError,
  WeComStaleError,
} from '../../../src/platforms/wecom/errors.js';
import { parseXml } from '../../../src/platforms/wecom/xml.js';
import { A, AES_KEY_HEX, at, B, C, CORP_ID, D, ENCODING_AES_KEY, TOKEN } from './vectors.js';

const crypto = new WeComCrypto({ token: TOKEN, encodingAesKey: ENCODING_AES_KEY, receiveId: CORP_ID });

/** AES-256-CBC without padding, for ciphertexts WeCom would never produce. */
function rawEncrypt(plain: Buffer): string {
  const key = Buffer.from(AES_KEY_HEX, 'hex');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function plaintext(message: string, receiveId: string, padBytes: Buffer): Buffer {
  const msg = Buffer.from(message);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length);
  return Buffer.concat([Buffer.alloc(16, 7), length, msg, Buffer.from(receiveId), padBytes]);
}

describe('published vectors', () => {
  it.each([
    ['A', A],
    ['B', B],
    ['C', C],
  ])('vector %s: signature and decryption', (_name, vector) => {
    expect(crypto.signature(vector.timestamp, vector.nonce, vector.encrypt)).toBe(vector.signature);
    expect(() =>
      crypto.verifySignature(
        { msgSignature: vector.signature, timestamp: vector.timestamp, nonce: vector.nonce },
        vector.encrypt,
      ),
    ).not.toThrow();
    expect(crypto.decrypt(vector.encrypt)).toBe(vector.plaintext);
  });

  it.each([
    ['A', A],
    ['B', B],
    ['C', C],
  ])(
    'vector %s: re-encrypting with its random prefix reproduces the published ciphertext',
    (_name, vector) => {
      const { random } = peerDecrypt(ENCODING_AES_KEY, vector.encrypt);
      expect(crypto.encrypt(vector.plaintext, random)).toBe(vector.encrypt);
    },
  );

  it('vector D: deterministic encryption and signature', () => {
    expect(crypto.encrypt(D.message, D.random)).toBe(D.encrypt);
    expect(crypto.signature(D.timestamp, D.nonce, D.encrypt)).toBe(D.signature);
    expect(crypto.decrypt(D.encrypt)).toBe(D.message);
  });

  it('pads to 32-byte blocks with the published pad values (more than 16 breaks Node auto-padding)', () => {
    for (const { encrypt, pad } of [A, B, C, D]) {
      const key = Buffer.from(AES_KEY_HEX, 'hex');
      const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
      const plain = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
      expect(plain.at(-1)).toBe(pad);
    }
  });

  it('MsgId of vector B stays the exact string (it exceeds 2^53)', () => {
    const xml = parseXml(crypto.decrypt(B.encrypt));
    expect(xml.MsgId).toBe('4561255354251345929');
    expect(Number(xml.MsgId).toString()).not.toBe('4561255354251345929');
  });
});

describe('@wecom/crypto as an independent peer', () => {
  const messages = [
    'hello',
    '客户张三：请在 30 分钟内认领 🚀',
    '',
    'x'.repeat(5000),
    `<xml>${'中'.repeat(700)}</xml>`,
  ];

  it.each(messages.map((m) => [m.slice(0, 20), m]))('peer encrypts, we decrypt: %s', (_label, message) => {
    expect(crypto.decrypt(peerEncrypt(ENCODING_AES_KEY, message, CORP_ID))).toBe(message);
  });

  it.each(messages.map((m) => [m.slice(0, 20), m]))('we encrypt, peer decrypts: %s', (_label, message) => {
    const back = peerDecrypt(ENCODING_AES_KEY, crypto.encrypt(message));
    expect(back.message).toBe(message);
    expect(back.id).toBe(CORP_ID);
  });

  it('same random prefix, byte-identical ciphertext', () => {
    const random = Buffer.from('0123456789abcdef');
    expect(crypto.encrypt('审批通过', random)).toBe(
      peerEncrypt(ENCODING_AES_KEY, '审批通过', CORP_ID, random),
    );
  });

  it('signatures equal the peer’s', () => {
    const encrypt = peerEncrypt(ENCODING_AES_KEY, 'ping', CORP_ID);
    expect(crypto.signature('1700000000', 'abc', encrypt)).toBe(
      peerSignature(TOKEN, '1700000000', 'abc', encrypt),
    );
    expect(wecomSignature(TOKEN, '1', '2', encrypt)).toBe(peerSignature(TOKEN, 1, 2, encrypt));
  });
});

describe('refusals', () => {
  const params = { msgSignature: B.signature, timestamp: B.timestamp, nonce: B.nonce };

  it('a forged or altered signature', () => {
    expect(() => crypto.verifySignature({ ...params, msgSignature: '0'.repeat(40) }, B.encrypt)).toThrow(
      WeComSignatureError,
    );
    expect(() => crypto.verifySignature({ ...params, nonce: '1372623150' }, B.encrypt)).toThrow(
      WeComSignatureError,
    );
    expect(() => crypto.verifySignature({ ...params, msgSignature: 'short' }, B.encrypt)).toThrow(
      WeComSignatureError,
    );
    const otherToken = new WeComCrypto({
      token: 'other',
      encodingAesKey: ENCODING_AES_KEY,
      receiveId: CORP_ID,
    });
    expect(() => otherToken.verifySignature(params, B.encrypt)).toThrow(WeComSignatureError);
  });

  it('a payload for another corp', () => {
    const error = catchError(() => crypto.decrypt(peerEncrypt(ENCODING_AES_KEY, 'hi', 'ww_other_corp')));
    expect(error).toBeInstanceOf(WeComReceiveIdError);
    expect((error as WeComReceiveIdError).status).toBe(403);
    expect((error as WeComReceiveIdError).receivedId).toBe('ww_other_corp');
  });

  it.each([
    ['pad byte 0', Buffer.from([1, 2, 0])],
    ['pad byte 33', Buffer.from([33])],
    ['inconsistent pad bytes', Buffer.from([9, 9, 3])],
  ])('bad padding: %s', (_label, tail) => {
    const body = plaintext('hello', CORP_ID, Buffer.alloc(0));
    const fill = 32 - ((body.length + tail.length) % 32);
    const padded = Buffer.concat([body, Buffer.alloc(fill, 5), tail]);
    expect(padded.length % 32).toBe(0);
    expect(() => crypto.decrypt(rawEncrypt(padded))).toThrow(WeComDecryptError);
  });

  it('a length field pointing past the plaintext', () => {
    const plain = plaintext('hello', CORP_ID, Buffer.alloc(0));
    plain.writeUInt32BE(10_000, 16);
    const pad = 32 - (plain.length % 32);
    expect(() => crypto.decrypt(rawEncrypt(Buffer.concat([plain, Buffer.alloc(pad, pad)])))).toThrow(
      WeComDecryptError,
    );
  });

  it('ciphertext that is not base64 or not whole blocks', () => {
    expect(() => crypto.decrypt('not base64!')).toThrow(WeComDecryptError);
    expect(() => crypto.decrypt(Buffer.alloc(24).toString('base64'))).toThrow(WeComDecryptError);
    expect(() => crypto.decrypt('')).toThrow(WeComDecryptError);
  });

  it('an EncodingAESKey that is not 43 characters of a 32-byte key', () => {
    for (const encodingAesKey of ['short', `${ENCODING_AES_KEY}x`, `${ENCODING_AES_KEY.slice(0, 42)}-`]) {
      expect(() => new WeComCrypto({ token: TOKEN, encodingAesKey, receiveId: CORP_ID })).toThrow(
        WeComConfigError,
      );
    }
  });
});

describe('freshness', () => {
  const window = 5 * 60_000;
  it('accepts timestamps within the window on both sides and refuses beyond it', () => {
    const now = at(B.timestamp);
    expect(() => assertFresh(B.timestamp, now + window, window)).not.toThrow();
    expect(() => assertFresh(B.timestamp, now - window, window)).not.toThrow();
    expect(() => assertFresh(B.timestamp, now + window + 1000, window)).toThrow(WeComStaleError);
    expect(() => assertFresh(B.timestamp, now - window - 1000, window)).toThrow(WeComStaleError);
  });
});

describe('encrypted passive reply', () => {
  it('builds the envelope of reference §1.5; the peer verifies and decrypts it', () => {
    const body = crypto.sealReply(
      '<xml><MsgType><![CDATA[update_button]]></MsgType></xml>',
      '1700000000',
      'n1',
    );
    const envelope = parseXml(body);
    expect(Object.keys(envelope)).toEqual(['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce']);
    expect(body).toContain('<TimeStamp>1700000000</TimeStamp>');
    expect(body).toContain('<Nonce><![CDATA[n1]]></Nonce>');
    const encrypt = envelope.Encrypt as string;
    expect(envelope.MsgSignature).toBe(peerSignature(TOKEN, '1700000000', 'n1', encrypt));
    expect(peerDecrypt(ENCODING_AES_KEY, encrypt)).toMatchObject({
      message: '<xml><MsgType><![CDATA[update_button]]></MsgType></xml>',
      id: CORP_ID,
    });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
