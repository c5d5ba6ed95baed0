// JS-SDK signatures for wx.config / ww.register (corp jsapi_ticket) and wx.agentConfig (app ticket)
// (reference §6.2).
import { randomBytes } from 'node:crypto';
import { sha1Hex } from './crypto.js';

export interface JsSdkSignature {
  timestamp: number;
  nonceStr: string;
  signature: string;
}

/**
 * sha1 of `jsapi_ticket=T&noncestr=N&timestamp=TS&url=URL`: the keys in sorted order, raw values,
 * no URL-encoding, and the page URL without its `#fragment`, as the client SDK signs it.
 */
export function jsSdkSignature(ticket: string, nonceStr: string, timestamp: number, url: string): string {
  const page = url.split('#', 1)[0] ?? '';
  return sha1Hex(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${page}`);
}

/** A fresh signature for `url` signed with `ticket`, at `nowMs`. */
export function signJsSdk(ticket: string, url: string, nowMs: number = Date.now()): JsSdkSignature {
  const nonceStr = randomBytes(8).toString('hex');
  const timestamp = Math.floor(nowMs / 1000);
  return { timestamp, nonceStr, signature: jsSdkSignature(ticket, nonceStr, timestamp, url) };
}
