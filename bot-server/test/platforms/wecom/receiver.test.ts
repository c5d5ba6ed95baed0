import { createCipheriv, createHash } from 'node:crypto';
import { getSignature, decrypt as peerDecrypt, encrypt as peerEncrypt } from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import {
  WeComDecryptError,
  WeComMalformedError,
  WeComPayloadTooLargeError,
  type WeComReceiveError,
  WeComReceiveIdError,
  WeComSignatureError,
  WeComStaleError,
  WeComXmlEntityError,
} from '../../../src/platforms/wecom/errors.js';
import { WeComReceiver } from '../../../src/platforms/wecom/receiver.js';
import { parseXml } from '../../../src/platforms/wecom/xml.js';
import { TEMPLATE_CARD_EVENT } from './fixtures.js';
import { A, AES_KEY_HEX, at, B, B_BODY, CORP_ID, ENCODING_AES_KEY, TOKEN } from './vectors.js';

const NOW = at('1700000000');
const receiver = (now = NOW) =>
  new WeComReceiver({ token: TOKEN, encodingAesKey: ENCODING_AES_KEY, corpId: CORP_ID, now: () => now });

/** What WeCom would POST for `plaintext`: the envelope and its signed query. */
function callback(
  plaintext: string,
  options: { timestamp?: string; receiveId?: string; encrypt?: string } = {},
) {
  const timestamp = options.timestamp ?? String(NOW / 1000);
  const nonce = String(Math.floor(Math.random() * 1e10));
  const encrypt = options.encrypt ?? peerEncrypt(ENCODING_AES_KEY, plaintext, options.receiveId ?? CORP_ID);
  return {
    query: { msg_signature: getSignature(TOKEN, timestamp, nonce, encrypt), timestamp, nonce },
    body: `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`,
  };
}

function refusal(fn: () => unknown): WeComReceiveError {
  try {
    fn();
  } catch (error) {
    return error as WeComReceiveError;
  }
  throw new Error('expected the request to be refused');
}

describe('GET URL verification', () => {
  it('answers the published echostr (vector A) with its plaintext', () => {
    const echo = receiver(at(A.timestamp)).verifyUrl({
      msg_signature: A.signature,
      timestamp: A.timestamp,
      nonce: A.nonce,
      echostr: A.encrypt,
    });
    expect(echo).toBe('1616140317555161061');
  });

  it('tolerates a "+" that arrived unencoded and was decoded to a space', () => {
    const encrypt = peerEncrypt(ENCODING_AES_KEY, 'echo-123', CORP_ID, Buffer.from('++++++++++++++++'));
    expect(encrypt).toContain('+');
    const query = callback('', { encrypt }).query;
    expect(receiver().verifyUrl({ ...query, echostr: encrypt.replaceAll('+', ' ') })).toBe('echo-123');
  });

  it('refuses a forged signature, a stale timestamp and a missing echostr', () => {
    const base = { msg_signature: A.signature, timestamp: A.timestamp, nonce: A.nonce, echostr: A.encrypt };
    expect(refusal(() => receiver(at(A.timestamp)).verifyUrl({ ...base, nonce: '1' }))).toBeInstanceOf(
      WeComSignatureError,
    );
    expect(refusal(() => receiver().verifyUrl(base))).toBeInstanceOf(WeComStaleError);
    expect(refusal(() => receiver().verifyUrl({ ...base, echostr: undefined }))).toBeInstanceOf(
      WeComMalformedError,
    );
  });
});

describe('POST callbacks', () => {
  it('decrypts the published POST (vector B) into a text event', () => {
    const { event } = receiver(at(B.timestamp)).receive(
      { msg_signature: B.signature, timestamp: B.timestamp, nonce: B.nonce },
      B_BODY,
    );
    expect(event).toMatchObject({
      platform: 'wecom',
      kind: 'text',
      from: 'mycreate',
      text: 'hello',
      msgId: '4561255354251345929',
      conversation: { type: 'direct' },
      occurredAt: new Date(1409659813 * 1000),
      dedupeKey: createHash('sha256').update(B.plaintext).digest('hex'),
    });
  });

  it('a card click round trip: the same plaintext retried gives the same dedupe key', () => {
    const first = callback(TEMPLATE_CARD_EVENT);
    const retry = callback(TEMPLATE_CARD_EVENT);
    expect(retry.query.nonce).not.toBe(first.query.nonce);
    const a = receiver().receive(first.query, first.body).event;
    const b = receiver().receive(retry.query, retry.body).event;
    expect(a).toMatchObject({ kind: 'card_action', cardId: 'taskid111', actionKey: 'key111' });
    expect(b.dedupeKey).toBe(a.dedupeKey);
  });

  it('accepts an envelope with a bare AgentID', () => {
    const signed = callback('<xml><MsgType>event</MsgType><Event>x</Event></xml>');
    const body = signed.body.replace('<AgentID><![CDATA[]]></AgentID>', '<AgentID>218</AgentID>');
    expect(body).toContain('<AgentID>218</AgentID>');
    expect(receiver().receive(signed.query, body).event.kind).toBe('unknown');
  });
});

describe('refusals: each a typed error with a 4xx status', () => {
  const ok = callback('<xml><MsgType>text</MsgType><Content>hi</Content></xml>');

  it('forged signature → 401', () => {
    const error = refusal(() => receiver().receive({ ...ok.query, msg_signature: 'f'.repeat(40) }, ok.body));
    expect(error).toBeInstanceOf(WeComSignatureError);
    expect(error.status).toBe(401);
  });

  it('a body re-encrypted by someone without the token → 401', () => {
    const tampered = ok.body.replace(
      /CDATA\[[^\]]+\]\]><\/Encrypt>/,
      `CDATA[${peerEncrypt(ENCODING_AES_KEY, '<xml/>', CORP_ID)}]]></Encrypt>`,
    );
    expect(refusal(() => receiver().receive(ok.query, tampered))).toBeInstanceOf(WeComSignatureError);
  });

  it('wrong receive id → 403', () => {
    const other = callback('<xml><MsgType>text</MsgType></xml>', { receiveId: 'wwFFFFFFFFFFFFFFFF' });
    const error = refusal(() => receiver().receive(other.query, other.body));
    expect(error).toBeInstanceOf(WeComReceiveIdError);
    expect(error.status).toBe(403);
  });

  it.each([
    ['ten minutes old', -600],
    ['ten minutes ahead', 600],
  ])('stale timestamp (%s) → 401', (_label, offsetS) => {
    const stale = callback('<xml><MsgType>text</MsgType></xml>', { timestamp: String(NOW / 1000 + offsetS) });
    const error = refusal(() => receiver().receive(stale.query, stale.body));
    expect(error).toBeInstanceOf(WeComStaleError);
    expect(error.status).toBe(401);
    const fresh = callback('<xml><MsgType>text</MsgType></xml>', {
      timestamp: String(NOW / 1000 + offsetS / 3),
    });
    expect(() => receiver().receive(fresh.query, fresh.body)).not.toThrow();
  });

  it('bad padding, correctly signed → 400', () => {
    const key = Buffer.from(AES_KEY_HEX, 'hex');
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.alloc(64, 0x41);
    plain[63] = 0;
    const encrypt = Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    const signed = callback('', { encrypt });
    const error = refusal(() => receiver().receive(signed.query, signed.body));
    expect(error).toBeInstanceOf(WeComDecryptError);
    expect(error.status).toBe(400);
  });

  it.each([
    ['truncated envelope', '<xml><Encrypt><![CDATA[abc'],
    ['no Encrypt', '<xml><ToUserName>x</ToUserName></xml>'],
    ['JSON body', '{"encrypt":"abc"}'],
    ['empty body', ''],
  ])('malformed XML (%s) → 400', (_label, body) => {
    const error = refusal(() => receiver().receive(ok.query, body));
    expect(error).toBeInstanceOf(WeComMalformedError);
    expect(error.status).toBe(400);
  });

  it('malformed plaintext inside a valid envelope → 400', () => {
    const broken = callback('<xml><MsgType>text');
    expect(refusal(() => receiver().receive(broken.query, broken.body)).status).toBe(400);
  });

  it('missing or repeated query parameters → 400', () => {
    expect(refusal(() => receiver().receive({ ...ok.query, nonce: undefined }, ok.body)).status).toBe(400);
    expect(refusal(() => receiver().receive({ ...ok.query, timestamp: ['1', '2'] }, ok.body)).status).toBe(
      400,
    );
    const letters = callback('<xml/>', { timestamp: 'abc' });
    expect(refusal(() => receiver().receive(letters.query, letters.body))).toBeInstanceOf(
      WeComMalformedError,
    );
  });

  it('entity-expansion bomb in the envelope → 400 before anything else', () => {
    const bomb = `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><xml><Encrypt>&c;</Encrypt></xml>`;
    const error = refusal(() => receiver().receive(ok.query, bomb));
    expect(error).toBeInstanceOf(WeComXmlEntityError);
    expect(error.status).toBe(400);
  });

  it('entity-expansion bomb inside the signed plaintext → 400', () => {
    const signed = callback(
      '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>',
    );
    expect(refusal(() => receiver().receive(signed.query, signed.body))).toBeInstanceOf(WeComXmlEntityError);
  });

  it('oversized body → 413, before parsing', () => {
    const big = `<xml><Encrypt><![CDATA[${'A'.repeat(300 * 1024)}]]></Encrypt></xml>`;
    const error = refusal(() => receiver().receive(ok.query, big));
    expect(error).toBeInstanceOf(WeComPayloadTooLargeError);
    expect(error.status).toBe(413);
    const small = new WeComReceiver({
      token: TOKEN,
      encodingAesKey: ENCODING_AES_KEY,
      corpId: CORP_ID,
      maxBodyBytes: 100,
      now: () => NOW,
    });
    expect(refusal(() => small.receive(ok.query, ok.body)).status).toBe(413);
  });

  it('the receiver still serves a valid request after every refusal', () => {
    const r = receiver();
    for (const body of ['', '<xml>', 'x'.repeat(10)]) refusal(() => r.receive(ok.query, body));
    expect(r.receive(ok.query, ok.body).event).toMatchObject({ kind: 'text', text: 'hi' });
  });
});

describe('update_button passive reply', () => {
  it('is the encrypted reference §3.1 XML, signed, for the clicking user', () => {
    const body = receiver().updateButtonReply({ from: 'zhangsan' }, '已认领');
    const envelope = parseXml(body);
    const encrypt = envelope.Encrypt as string;
    expect(envelope.TimeStamp).toBe(String(NOW / 1000));
    expect(envelope.MsgSignature).toBe(
      getSignature(TOKEN, envelope.TimeStamp as string, envelope.Nonce as string, encrypt),
    );
    const { message, id } = peerDecrypt(ENCODING_AES_KEY, encrypt);
    expect(id).toBe(CORP_ID);
    expect(message).toBe(
      '<xml><ToUserName><![CDATA[zhangsan]]></ToUserName><FromUserName><![CDATA[wx5823bf96d3bd56c7]]></FromUserName>' +
        `<CreateTime>${NOW / 1000}</CreateTime><MsgType><![CDATA[update_button]]></MsgType>` +
        '<Button><ReplaceName><![CDATA[已认领]]></ReplaceName></Button></xml>',
    );
  });
});
