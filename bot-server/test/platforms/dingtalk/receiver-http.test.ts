import { describe, expect, it } from 'vitest';
import { CARD_CALLBACK_ACCEPTED } from '../../../src/platforms/dingtalk/card-callback.js';
import { cardCallbackSignature } from '../../../src/platforms/dingtalk/card-sign.js';
import { DingCallbackCrypto } from '../../../src/platforms/dingtalk/crypto.js';
import {
  type DingTalkInboundError,
  ForgedRequestError,
  MalformedRequestError,
  StaleRequestError,
} from '../../../src/platforms/dingtalk/errors.js';
import { DingTalkHttpReceiver } from '../../../src/platforms/dingtalk/receiver-http.js';
import { robotSignature } from '../../../src/platforms/dingtalk/robot-sign.js';
import { cardCallbackBody, robotDirectMessage, taskChangeHttp } from './support/fixtures.js';

const NOW = 1_774_081_000_000;
const callback = {
  token: 'KelianTestToken',
  aesKey: 'K3l14nT3stAesKeyK3l14nT3stAesKeyK3l14nT3st1',
  ownerKey: 'dingtestclientid',
};
const appSecret = 'test-app-secret';
const cardApiSecret = 'card-api-secret';
const receiver = new DingTalkHttpReceiver({ callback, appSecret, cardApiSecret, now: () => NOW });
// DingTalk's side of the exchange, built from the same algorithm.
const dingtalk = new DingCallbackCrypto(callback);

function eventRequest(
  plaintext: string,
  opts: { legacyNames?: boolean; timestamp?: string; owner?: string } = {},
) {
  const sealer = opts.owner ? new DingCallbackCrypto({ ...callback, ownerKey: opts.owner }) : dingtalk;
  const sealed = sealer.seal(plaintext, opts.timestamp ?? String(NOW - 2_000), 'n0nce');
  const query = opts.legacyNames
    ? { msg_signature: sealed.msg_signature, timeStamp: sealed.timeStamp, nonce: sealed.nonce }
    : { signature: sealed.msg_signature, timestamp: sealed.timeStamp, nonce: sealed.nonce };
  return { query, body: JSON.stringify({ encrypt: sealed.encrypt }) };
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('POST /dingtalk/events', () => {
  it('answers check_url with an encrypted, signed `success` and stores nothing (legacy names)', () => {
    const receipt = receiver.events(eventRequest('{"EventType":"check_url"}', { legacyNames: true }));
    expect(receipt.status).toBe(200);
    expect(receipt.events).toEqual([]);
    const reply = receipt.body;
    expect(Object.keys(reply).sort()).toEqual(['encrypt', 'msg_signature', 'nonce', 'timeStamp']);
    expect(reply.timeStamp).toBe(String(NOW));
    // DingTalk verifies the reply the same way we verify its requests.
    expect(
      dingtalk.open(
        {
          signature: reply.msg_signature,
          timestamp: reply.timeStamp,
          nonce: reply.nonce,
          encrypt: reply.encrypt,
        },
        NOW,
      ),
    ).toBe('success');
  });

  it('decrypts an approval event (newer names) into its ChatEvent; a retry carries the same dedupe key', () => {
    const request = eventRequest(JSON.stringify(taskChangeHttp));
    const first = receiver.events(request);
    expect(first.events).toMatchObject([{ kind: 'approval_change', dedupeKey: taskChangeHttp.eventId }]);
    expect(receiver.events(request).events[0]?.dedupeKey).toBe(first.events[0]?.dedupeKey);
  });

  it('accepts a Buffer body and unknown event types (answered success, stored as unknown)', () => {
    const request = eventRequest(
      '{"EventType":"attendance_check_record","eventId":"e1","EventTime":"1774080000000"}',
    );
    const receipt = receiver.events({ ...request, body: Buffer.from(request.body) });
    expect(receipt.events).toMatchObject([{ kind: 'unknown', type: 'attendance_check_record' }]);
  });

  it('refuses a forged signature with 401', () => {
    const request = eventRequest('{"EventType":"check_url"}');
    const error = caught(() =>
      receiver.events({ ...request, query: { ...request.query, signature: 'f'.repeat(40) } }),
    );
    expect(error).toBeInstanceOf(ForgedRequestError);
    expect(error).toMatchObject({ status: 401, reason: 'bad_signature' });
  });

  it('refuses a payload sealed for another corp/app with 401 wrong_owner', () => {
    const error = caught(() =>
      receiver.events(eventRequest('{"EventType":"check_url"}', { owner: 'ding-other-corp' })),
    );
    expect(error).toBeInstanceOf(ForgedRequestError);
    expect(error).toMatchObject({ status: 401, reason: 'wrong_owner' });
  });

  it('refuses a correctly signed but stale request with 401 stale', () => {
    const error = caught(() =>
      receiver.events(eventRequest('{"EventType":"check_url"}', { timestamp: String(NOW - 2 * 3600_000) })),
    );
    expect(error).toBeInstanceOf(StaleRequestError);
    expect(error).toMatchObject({ status: 401, reason: 'stale' });
  });

  it('refuses malformed input with 400: bad JSON, no encrypt, missing query parameters', () => {
    const request = eventRequest('{"EventType":"check_url"}');
    for (const bad of [
      { ...request, body: '{"encrypt":' },
      { ...request, body: '{"cipher":"x"}' },
      { ...request, query: { nonce: 'n' } },
    ]) {
      const error = caught(() => receiver.events(bad));
      expect(error).toBeInstanceOf(MalformedRequestError);
      expect(error).toMatchObject({ status: 400 });
    }
  });

  it('refuses a genuine envelope whose plaintext is not JSON with 400', () => {
    expect(caught(() => receiver.events(eventRequest('not json')))).toBeInstanceOf(MalformedRequestError);
  });
});

describe('POST /dingtalk/robot', () => {
  const signed = (ts: number, secret = appSecret) => ({
    timestamp: String(ts),
    sign: robotSignature(secret, String(ts)),
  });

  it('verifies the sign headers, parses the message, answers with an empty in-line reply', () => {
    const receipt = receiver.robot({
      headers: signed(NOW - 5_000),
      body: JSON.stringify(robotDirectMessage),
    });
    expect(receipt.body).toEqual({ msgtype: 'empty' });
    expect(receipt.events).toMatchObject([{ kind: 'text', text: '帮助', from: '032615015535634423' }]);
  });

  it('refuses forged (401), expired (401) and malformed (400) requests', () => {
    const body = JSON.stringify(robotDirectMessage);
    expect(caught(() => receiver.robot({ headers: signed(NOW, 'guess'), body }))).toBeInstanceOf(
      ForgedRequestError,
    );
    expect(caught(() => receiver.robot({ headers: signed(NOW - 61 * 60_000), body }))).toBeInstanceOf(
      StaleRequestError,
    );
    expect(caught(() => receiver.robot({ headers: signed(NOW), body: '{"msgId":' }))).toBeInstanceOf(
      MalformedRequestError,
    );
    expect(caught(() => receiver.robot({ headers: {}, body }))).toMatchObject({ status: 400 });
  });
});

describe('POST /dingtalk/card', () => {
  const signed = (ts: number, secret = cardApiSecret) => ({
    'x-ddpaas-signature-timestamp': String(ts),
    'x-ddpaas-signature': cardCallbackSignature(secret, String(ts)),
  });

  it('verifies, parses the click, answers the by-key no-op update', () => {
    const receipt = receiver.card({ headers: signed(NOW - 1_000), body: JSON.stringify(cardCallbackBody) });
    expect(receipt.body).toEqual(CARD_CALLBACK_ACCEPTED);
    expect(receipt.events).toMatchObject([
      {
        kind: 'card_action',
        cardId: 'lead-123-v1',
        actionKey: 'accept',
        from: 'user456',
        occurredAt: new Date(NOW - 1_000),
      },
    ]);
  });

  it('a retry (same timestamp and body) dedupes; a second click later does not', () => {
    const body = JSON.stringify(cardCallbackBody);
    const a = receiver.card({ headers: signed(NOW - 1_000), body }).events[0]?.dedupeKey;
    const retry = receiver.card({ headers: signed(NOW - 1_000), body }).events[0]?.dedupeKey;
    const later = receiver.card({ headers: signed(NOW), body }).events[0]?.dedupeKey;
    expect(retry).toBe(a);
    expect(later).not.toBe(a);
  });

  it('refuses forged, stale and malformed callbacks with typed 4xx errors', () => {
    const body = JSON.stringify(cardCallbackBody);
    for (const [headers, raw, type] of [
      [signed(NOW, 'wrong'), body, ForgedRequestError],
      [signed(NOW - 2 * 3600_000), body, StaleRequestError],
      [signed(NOW), '<xml/>', MalformedRequestError],
    ] as const) {
      const error = caught(() => receiver.card({ headers, body: raw }));
      expect(error).toBeInstanceOf(type);
      expect((error as DingTalkInboundError).status).toBeGreaterThanOrEqual(400);
      expect((error as DingTalkInboundError).status).toBeLessThan(500);
    }
  });
});
