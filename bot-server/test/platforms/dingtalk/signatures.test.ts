import { describe, expect, it } from 'vitest';
import {
  cardCallbackSignature,
  verifyCardCallbackRequest,
} from '../../../src/platforms/dingtalk/card-sign.js';
import {
  ForgedRequestError,
  MalformedRequestError,
  StaleRequestError,
} from '../../../src/platforms/dingtalk/errors.js';
import { jsapiSignature } from '../../../src/platforms/dingtalk/jsapi.js';
import {
  robotSignature,
  signCustomRobotWebhook,
  verifyRobotRequest,
} from '../../../src/platforms/dingtalk/robot-sign.js';

const SECRET = 'this is secret';
const TS = '1700000000000';
const SIGN = 'sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0=';
const MINUTE = 60_000;

describe('robot message sign (HTTP robot callbacks)', () => {
  it('matches the reference vector', () => {
    expect(robotSignature(SECRET, TS)).toBe(SIGN);
  });

  it('accepts a valid sign within the hour, header values trimmed', () => {
    expect(() =>
      verifyRobotRequest({ timestamp: ` ${TS} `, sign: SIGN }, SECRET, Number(TS) + 59 * MINUTE),
    ).not.toThrow();
  });

  it('refuses a forged sign', () => {
    const forged = robotSignature('another secret', TS);
    expect(() => verifyRobotRequest({ timestamp: TS, sign: forged }, SECRET, Number(TS))).toThrow(
      ForgedRequestError,
    );
  });

  it('refuses a sign whose timestamp is 61 minutes off, either way', () => {
    expect(() => verifyRobotRequest({ timestamp: TS, sign: SIGN }, SECRET, Number(TS) + 61 * MINUTE)).toThrow(
      StaleRequestError,
    );
    expect(() => verifyRobotRequest({ timestamp: TS, sign: SIGN }, SECRET, Number(TS) - 61 * MINUTE)).toThrow(
      StaleRequestError,
    );
  });

  it('refuses missing or non-numeric headers as malformed', () => {
    expect(() => verifyRobotRequest({ sign: SIGN }, SECRET, Number(TS))).toThrow(MalformedRequestError);
    expect(() => verifyRobotRequest({ timestamp: 'soon', sign: SIGN }, SECRET, Number(TS))).toThrow(
      MalformedRequestError,
    );
  });
});

describe('custom group robot webhook sign (outbound)', () => {
  it('appends timestamp and the sign URL-encoded exactly once', () => {
    const url = signCustomRobotWebhook(
      'https://oapi.dingtalk.com/robot/send?access_token=abc',
      SECRET,
      Number(TS),
    );
    const parsed = new URL(url);
    expect(parsed.searchParams.get('access_token')).toBe('abc');
    expect(parsed.searchParams.get('timestamp')).toBe(TS);
    // What DingTalk decodes once must be the base64 signature itself.
    expect(parsed.searchParams.get('sign')).toBe(SIGN);
    expect(url).toContain(`sign=${encodeURIComponent(SIGN)}`);
    expect(url).not.toContain('%25');
  });
});

describe('card callback sign (HTTP card callbacks)', () => {
  const headers = (ts: string, sign: string) => ({
    'x-ddpaas-signature-timestamp': ts,
    'x-ddpaas-signature': sign,
  });

  it('matches the reference vector', () => {
    expect(cardCallbackSignature('mySecret', TS)).toBe('t3jqwt0WBVsvNpgD+ncljxce56XsNOeEYafngX/BHjc=');
  });

  it('accepts a valid signature and returns its time; refuses forged and stale ones', () => {
    const good = cardCallbackSignature('mySecret', TS);
    expect(verifyCardCallbackRequest(headers(TS, good), 'mySecret', Number(TS))).toBe(Number(TS));
    expect(() => verifyCardCallbackRequest(headers(TS, good), 'otherSecret', Number(TS))).toThrow(
      ForgedRequestError,
    );
    expect(() =>
      verifyCardCallbackRequest(headers(TS, good), 'mySecret', Number(TS) + 2 * 60 * MINUTE),
    ).toThrow(StaleRequestError);
  });
});

describe('dd.config JSAPI signature', () => {
  it('matches the reference vector', () => {
    const signature = jsapiSignature({
      ticket: 'zHoQdGJuH0ZDebwo7sLqLzHGUueLmkWCC4RycYgkuvDu3eoROgN5qhwnQLgfzwEXtuR9SDzh6BdhyVngzAjrxV',
      nonceStr: 'abcdefgh',
      timeStamp: '1437027269927',
      url: 'http://10.62.53.138:3000/jsapi',
    });
    expect(signature).toBe('810e6657e9f411e6491b3e97dfaf7660e89eb874');
  });

  it('ignores the #fragment, as the page signs location.href without its hash', () => {
    const base = { ticket: 't', nonceStr: 'n', timeStamp: '1' };
    expect(jsapiSignature({ ...base, url: 'https://crm.example/app?x=1#/leads' })).toBe(
      jsapiSignature({ ...base, url: 'https://crm.example/app?x=1' }),
    );
  });
});
