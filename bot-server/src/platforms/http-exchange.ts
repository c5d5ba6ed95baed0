// HTTP to a platform's API (WeCom, DingTalk): one request, its status and body text. undici rather
// than axios: a card burst makes hundreds of calls a second, and axios' request building with
// node:http's client was a sixth of the sender's CPU (undici's, under 4 %). Keep-alive connections
// are kept per origin (the APIs and the group robots' webhooks).
import { Agent, type Dispatcher } from 'undici';

/** Far above any platform answer (a department list of thousands is well under this). */
const maxReplyBytes = 10 * 1024 * 1024;

export interface PlatformRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: URL;
  /** Set on the URL's query (a copy: the caller's URL is left as it was). */
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  /** Sent as JSON when given. */
  json?: unknown;
}

/** The platform could not be reached or did not answer in time; `code` names why (ECONNREFUSED …). */
export class PlatformUnreachable extends Error {
  override readonly name = 'PlatformUnreachable';
  constructor(readonly code: string) {
    // Never the URL: it may carry an access token.
    super(`platform unreachable: ${code}`);
  }
}

export class PlatformHttp {
  readonly #agent: Dispatcher = new Agent({ keepAliveTimeout: 30_000 });

  constructor(private readonly timeoutMs: number) {}

  /** Answers any status with the body as text; throws PlatformUnreachable when there is no answer. */
  async exchange(request: PlatformRequest): Promise<{ status: number; text: string }> {
    const url = new URL(request.url);
    for (const [name, value] of Object.entries(request.query ?? {}))
      url.searchParams.set(name, String(value));
    try {
      const response = await this.#agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: {
          ...request.headers,
          ...(request.json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.json === undefined ? {} : { body: JSON.stringify(request.json) }),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      return { status: response.statusCode, text: await readCapped(response.body) };
    } catch (error) {
      if (error instanceof PlatformUnreachable) throw error;
      const code = (error as { code?: unknown }).code;
      throw new PlatformUnreachable(typeof code === 'string' ? code : 'request failed');
    }
  }
}

/** The body as text, refused past `maxReplyBytes` (a broken endpoint could stream forever). */
async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += (chunk as Buffer).length;
    if (bytes > maxReplyBytes) {
      body.destroy();
      throw new PlatformUnreachable('reply too large');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
