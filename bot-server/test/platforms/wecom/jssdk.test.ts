import { getJsApiSignature } from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { jsSdkSignature, signJsSdk } from '../../../src/platforms/wecom/jssdk.js';

// Official doc 96909 vector (reference §6.2).
const TICKET = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';
const NONCE = 'Wm3WZYTPz0wzccnW';
const TIMESTAMP = 1414587457;

describe('JS-SDK signature', () => {
  it('matches the published vectors', () => {
    expect(jsSdkSignature(TICKET, NONCE, TIMESTAMP, 'http://mp.weixin.qq.com?params=value')).toBe(
      '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
    );
    expect(jsSdkSignature(TICKET, NONCE, TIMESTAMP, 'http://mp.weixin.qq.com')).toBe(
      'f4d90daf4b3bca3078ab155816175ba34c443a7b',
    );
  });

  it('signs the URL without its fragment, raw (no URL-encoding)', () => {
    expect(jsSdkSignature(TICKET, NONCE, TIMESTAMP, 'http://mp.weixin.qq.com?params=value#/leads/1')).toBe(
      '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
    );
    const url = 'https://crm.example.com/app/客户?q=a b&x=%2F';
    expect(jsSdkSignature(TICKET, NONCE, TIMESTAMP, url)).toBe(
      getJsApiSignature({ url, ticket: TICKET, nonceStr: NONCE, timestamp: TIMESTAMP }).signature,
    );
  });

  it('a fresh signature carries its own nonce and the current second', () => {
    const signed = signJsSdk(TICKET, 'http://mp.weixin.qq.com', TIMESTAMP * 1000 + 999);
    expect(signed.timestamp).toBe(TIMESTAMP);
    expect(signed.nonceStr).toMatch(/^[0-9a-f]{16}$/);
    expect(signed.signature).toBe(
      jsSdkSignature(TICKET, signed.nonceStr, TIMESTAMP, 'http://mp.weixin.qq.com'),
    );
  });
});
