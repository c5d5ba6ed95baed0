import { createHash } from 'node:crypto';

/**
 * The `dd.config` signature: SHA-1 over the four pairs in this fixed order, unsorted and unencoded.
 * The URL is the page's own, without its #fragment (the page signs `location.href` minus the hash).
 */
export function jsapiSignature(input: {
  ticket: string;
  nonceStr: string;
  timeStamp: string;
  url: string;
}): string {
  const url = input.url.split('#')[0] ?? '';
  return createHash('sha1')
    .update(`jsapi_ticket=${input.ticket}&noncestr=${input.nonceStr}&timestamp=${input.timeStamp}&url=${url}`)
    .digest('hex');
}
