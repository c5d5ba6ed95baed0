import { type Answer, type Exchange, TransportError } from './exchange';
import type * as Contract from './transport';

// h5: the browser's fetch, with the timeout as an AbortController (see transport.ts). Taro.request
// would add a fetch polyfill, an AbortController polyfill and JSONP (35 kB) to the first page.

export { TransportError };

export async function send({ url, method, header, data, timeout }: Exchange): Promise<Answer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const response = await fetch(url, {
      method,
      headers: header,
      body: data === undefined || data instanceof Blob ? data : JSON.stringify(data),
      signal: controller.signal,
      credentials: 'omit',
    });
    const text = await response.text();
    return { statusCode: response.status, data: parse(text) };
  } catch {
    throw new TransportError(controller.signal.aborted ? 'timeout' : 'network');
  } finally {
    clearTimeout(timer);
  }
}

function parse(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

({ send, TransportError }) satisfies typeof Contract;
