import { z } from 'zod';
import type { ApiDeps } from '../deps.js';

// Which pages Kelian signs JS-SDK configurations for. The platforms check a page's domain against
// the app's 可信域名 themselves, but an open signer would still hand out valid signatures for
// any URL, so Kelian signs only its own pages (reference §6.3: "check that the url host is one of
// the 可信域名"): those on PUBLIC_URL's origin, where the mini-app's h5 build is served (/app).
// On this machine's own addresses (any port, so the Taro dev server works too) only in sandbox mode
// or when PUBLIC_URL is unset, which means the server is reached as http://localhost:<port>.

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

const absoluteHttp = (value: string) =>
  URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);

/**
 * The `url` query parameter: the page's own URL as the client SDK passes it. The signature covers
 * that exact string without its #fragment, never a normalised form of it.
 */
export function pageUrlQuery(config: ApiDeps['config']) {
  const publicOrigin = config.publicUrl === undefined ? undefined : new URL(config.publicUrl).origin;
  const loopbackTrusted = config.sandbox || publicOrigin === undefined;
  const trusted = (value: string) => {
    const url = new URL(value);
    return url.origin === publicOrigin || (loopbackTrusted && loopback.has(url.hostname));
  };
  return z.object({
    url: z
      .string({ error: '请提供一个页面网址 url' })
      .min(1, { error: '请提供一个页面网址 url', abort: true })
      .max(2048, { error: '页面网址过长', abort: true })
      .refine(absoluteHttp, { error: '页面网址必须是以 http:// 或 https:// 开头的完整网址', abort: true })
      .refine(trusted, '该页面不在客联的可信域名内，无法签名')
      .transform((value) => value.split('#', 1)[0] ?? ''),
  });
}
