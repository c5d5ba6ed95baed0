// How a person's act reaches Kelian over HTTP (DINGTALK_MODE=http, and HTTP-mode card callbacks),
// and what the sandbox reports of either kind of delivery.
import type { StreamAck } from './stream-frames.js';

export type DingTalkDelivery =
  | {
      mode: 'stream';
      delivered: boolean;
      reason?: string;
      messageId: string;
      connectionId?: string;
      ack?: StreamAck;
    }
  | { mode: 'http'; delivered: boolean; reason?: string; status?: number; ms: number; answer?: unknown };

export type HttpDelivery = Extract<DingTalkDelivery, { mode: 'http' }>;

/** POSTs `body` as JSON; the answer is parsed when it is JSON, and no answer within `timeoutMs` is a failure. */
export async function postToKelian(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpDelivery> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let answer: unknown = text;
    try {
      answer = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    return { mode: 'http', delivered: res.status === 200, status: res.status, ms: ms(), answer };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      mode: 'http',
      delivered: false,
      reason: timedOut ? `no answer within ${timeoutMs} ms` : String(error),
      ms: ms(),
    };
  }
}
