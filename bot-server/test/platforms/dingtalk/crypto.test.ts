import { describe, expect, it } from 'vitest';
import { DingCallbackCrypto } from '../../../src/platforms/dingtalk/crypto.js';
import {
  ForgedRequestError,
  MalformedRequestError,
  StaleRequestError,
} from '../../../src/platforms/dingtalk/errors.js';

// Vector A: open-dingtalk/DingTalk-Callback-Crypto DingCallbackCrypto3.py __main__.
const A = {
  token: 'mryue',
  aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
  owner: 'ding6ccabc44d2c8d38b',
  signature: '03044561471240d4a14bb09372dfcfd4fd0e40cb',
  timestamp: '1608001896814',
  nonce: 'WL4PK6yA',
  encrypt:
    '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3',
  plaintext: '{"EventType":"check_url"}',
  random: 'l7Y3EcX2CU5w8av3',
};

// Vector B: the same repository, dingtalk_callback_crypto.rs test_msg_decrypt (ISV suite check).
const B = {
  token: '123456',
  aesKey: '4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij',
  owner: 'suite4xxxxxxxxxxxxxxx',
  signature: '5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0',
  timestamp: '1445827045067',
  nonce: 'nEXhMP4r',
  encrypt:
    '1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG+OzrHMeiZI7gTRWVdUBmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgnNOS9PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==',
  plaintext:
    '{"EventType":"check_create_suite_url","Random":"LPIdSnlF","TestSuiteKey":"suite4xxxxxxxxxxxxxxx"}',
  random: 'hU3bEfGZZewzhG5a',
};

function cryptoFor(v: typeof A) {
  return new DingCallbackCrypto({ token: v.token, aesKey: v.aesKey, ownerKey: v.owner });
}

describe('DingCallbackCrypto: published vectors', () => {
  for (const [name, v] of [
    ['A', A],
    ['B', B],
  ] as const) {
    it(`vector ${name}: verifies and decrypts`, () => {
      const c = cryptoFor(v);
      const plain = c.open(
        { signature: v.signature, timestamp: v.timestamp, nonce: v.nonce, encrypt: v.encrypt },
        Number(v.timestamp) + 1_000,
      );
      expect(plain).toBe(v.plaintext);
    });

    it(`vector ${name}: re-encrypting with the recovered random prefix reproduces the ciphertext`, () => {
      const c = cryptoFor(v);
      expect(c.encrypt(v.plaintext, v.random)).toBe(v.encrypt);
      expect(c.signature(v.timestamp, v.nonce, v.encrypt)).toBe(v.signature);
    });
  }

  it('derived vectors: encrypted success reply and its signature, UTF-8 length field', () => {
    const c = cryptoFor(A);
    const success = c.encrypt('success', 'aaaabbbbccccdddd');
    expect(success).toBe(
      'WriYdpwgW9R3hQnNQCWb99OFF54g0q8jTnsnENNcQVQtGNNNONLnnaRRsyJDkd9rdVbNdMyRj842O3VhNVQOmw==',
    );
    expect(c.signature('1608001896814', 'WL4PK6yA12345678', success)).toBe(
      '82478303e3dfce6a7323a129aa89b9b7b7c05fb7',
    );
    const chinese = c.encrypt('{"title":"中文"}', 'aaaabbbbccccdddd');
    expect(chinese).toBe(
      'WriYdpwgW9R3hQnNQCWb9zuVj3r9a5gbmnNgUp43dWVPZFU9NDg4iigf++jf9aQ2a+hYburFnAYRxLPHyWgeVQ==',
    );
    expect(c.decrypt(chinese)).toBe('{"title":"中文"}');
  });

  it('seal() produces a reply DingTalk can open: signed, 16-char nonce, no line breaks', () => {
    const c = cryptoFor(A);
    const reply = c.seal('success');
    expect(reply.nonce).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(reply.timeStamp).toMatch(/^\d{13}$/);
    expect(reply.encrypt).not.toContain('\n');
    expect(
      c.open({
        signature: reply.msg_signature,
        timestamp: reply.timeStamp,
        nonce: reply.nonce,
        encrypt: reply.encrypt,
      }),
    ).toBe('success');
  });

  it('round-trips aligned, unaligned and multi-byte payloads', () => {
    const c = cryptoFor(A);
    // random 16 + length 4 + owner 20 + message: 24 bytes of message align to 64 and take a full
    // 32-byte pad block, 44 bytes take a pad of 12.
    for (const msg of ['x'.repeat(24), 'x'.repeat(44), `${'中'.repeat(200)}%{}`]) {
      expect(c.decrypt(c.encrypt(msg))).toBe(msg);
    }
  });
});

describe('DingCallbackCrypto: refusals', () => {
  const now = Number(A.timestamp) + 1_000;
  const envelope = { signature: A.signature, timestamp: A.timestamp, nonce: A.nonce, encrypt: A.encrypt };

  it('refuses one flipped character of encrypt as a forged signature (900005)', () => {
    const c = cryptoFor(A);
    const flipped = `${A.encrypt[0] === 'a' ? 'b' : 'a'}${A.encrypt.slice(1)}`;
    const error = (() => {
      try {
        c.open({ ...envelope, encrypt: flipped }, now);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ForgedRequestError);
    expect(error).toMatchObject({ status: 401, reason: 'bad_signature', dingCode: 900005 });
  });

  it('refuses a ciphertext sealed for another owner (900010)', () => {
    const other = new DingCallbackCrypto({ token: A.token, aesKey: A.aesKey, ownerKey: 'dingsomeoneelse' });
    expect(() => other.open(envelope, now)).toThrow(ForgedRequestError);
    expect(() => other.open(envelope, now)).toThrow(
      expect.objectContaining({ reason: 'wrong_owner', dingCode: 900010 }),
    );
  });

  it('refuses a timestamp outside the window, in either direction', () => {
    const c = cryptoFor(A);
    const hour = 60 * 60 * 1000;
    expect(() => c.open(envelope, Number(A.timestamp) + hour + 1)).toThrow(StaleRequestError);
    expect(() => c.open(envelope, Number(A.timestamp) - hour - 1)).toThrow(StaleRequestError);
    expect(c.open(envelope, Number(A.timestamp) + hour)).toBe(A.plaintext);
  });

  it('refuses ciphertext that is not whole AES blocks or too short, as malformed', () => {
    const c = cryptoFor(A);
    expect(() => c.decrypt('abc')).toThrow(MalformedRequestError);
    expect(() => c.decrypt(Buffer.alloc(16).toString('base64'))).toThrow(MalformedRequestError);
  });

  it('rejects an aes key that is not 43 characters (900004) at construction', () => {
    expect(() => new DingCallbackCrypto({ token: 't', aesKey: A.aesKey.slice(1), ownerKey: 'o' })).toThrow(
      /900004/,
    );
  });
});
