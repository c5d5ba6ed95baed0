// What an attacker (or a broken proxy) can send to the public callback URLs. Each request is
// refused with 4xx, stores nothing in the inbox, and leaves the server healthy.
import { sandboxWeCom } from '@kelian/config';
import { encrypt, getSignature } from '@wecom/crypto';
import { beforeEach, describe, expect, test } from 'vitest';
import { useTestServer } from './support/fixture.js';
import { postCallback, sealedCallback, textMessageXml } from './support/wecom-callback.js';

const t = useTestServer();
let inboxBefore = 0;
const inboxSize = async () =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from inbox_event')).rows[0]!.n;
beforeEach(async () => {
  inboxBefore = await inboxSize();
});

const { token, encodingAesKey, corpId } = sandboxWeCom;
const sealed = (plaintext: string, opts?: Parameters<typeof sealedCallback>[2]) =>
  sealedCallback(t.server.url, plaintext, opts);
const post = postCallback;
const textMessage = () => textMessageXml();

async function expectRefused(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(await inboxSize()).toBe(inboxBefore);
  expect((await fetch(`${t.server.url}/readyz`)).status).toBe(200);
}

describe('POST /wecom/callback', () => {
  test('a genuine callback is accepted (the baseline the attacks differ from)', async () => {
    const res = await post(sealed(textMessage()));
    expect(res.status).toBe(200);
    expect(await inboxSize()).toBe(inboxBefore + 1);
  });

  test('a forged signature is refused', async () => {
    await expectRefused(await post(sealed(textMessage(), { signatureToken: 'not-the-token' })), 401);
  });

  test('a message sealed for another corp (wrong receive id) is refused', async () => {
    await expectRefused(await post(sealed(textMessage(), { receiveId: 'wwsomeoneelse00001' })), 403);
  });

  test('a stale timestamp (a replay from an hour ago) is refused', async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    await expectRefused(await post(sealed(textMessage(), { timestamp: hourAgo })), 401);
  });

  test('malformed XML inside a correctly signed envelope is refused', async () => {
    await expectRefused(await post(sealed('<xml><MsgType>text</MsgType><Content>unclosed')), 400);
  });

  test('an XML entity-expansion bomb is refused without being expanded', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Content>&lol3;</Content></xml>`;
    await expectRefused(await post(sealed(bomb)), 400);
    await expectRefused(await post({ url: sealed(textMessage()).url, body: bomb }), 400);
  });

  test('garbage instead of the envelope is refused', async () => {
    await expectRefused(await post({ url: sealed(textMessage()).url, body: '{"not":"xml"}' }), 400);
  });

  test('an oversized body is refused before it is read', async () => {
    const huge = `<xml><Encrypt><![CDATA[${'A'.repeat(2 * 1024 * 1024)}]]></Encrypt></xml>`;
    await expectRefused(await post({ url: sealed(textMessage()).url, body: huge }), 413);
  });

  test('URL verification answers the decrypted echostr only to a correctly signed request', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const echostr = encrypt(encodingAesKey, '1616140317555161061', corpId);
    const good = getSignature(token, timestamp, '42', echostr);
    const ok = await fetch(
      `${t.server.url}/wecom/callback?msg_signature=${good}&timestamp=${timestamp}&nonce=42&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1616140317555161061');
    const forged = await fetch(
      `${t.server.url}/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=42&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(forged.status).toBe(401);
  });
});
