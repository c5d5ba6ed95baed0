// HTTP to WeCom: the access token from the shared store, a new token once when WeCom refuses the
// current one, bounded exponential backoff when WeCom is busy or throttling, and every failure a
// typed error. Tokens, the secret and webhook keys never reach a log line or an error message.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { PlatformHttp, PlatformUnreachable } from '../http-exchange.js';
import { CachedCredential } from './credential.js';
import { WeComApiError, WeComTransportError } from './errors.js';
import type { CachedToken, TokenStore } from './token-store.js';

/**
 * 40014 is also what an expired token gets, not only 42001 (reference §4.3, §11.4); 40001 "invalid
 * credential" is how the WeChat family answers a token voided by a secret reset. Renewed once per
 * call, so nothing loops; gettoken answering 40001 (a wrong secret) is never retried.
 */
const TOKEN_REFUSED = new Set([40014, 42001, 40001]);
/** -1 system busy, 45009 frequency limit, 45033 concurrency limit: worth waiting for. */
const RETRY_LATER = new Set([-1, 45009, 45033]);

export interface RetryPolicy {
  /** Further attempts after the first when WeCom answers -1, 45009 or 45033. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * A few seconds in all: a per-minute penalty lasts 60 s (reference §4.2), longer than a caller should
 * block; the delivery job reschedules past that. The first retry comes after 100–200 ms: "system busy"
 * (-1) is mostly a moment's hiccup, and a card held back a second by it holds back its member's next
 * minute of cards by as much (the window counts from its answer).
 */
export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 200, maxDelayMs: 4000 };

/** Refresh at expires_in − 300 s (reference §4.4). */
export const DEFAULT_TOKEN_MARGIN_MS = 5 * 60_000;

export interface WeComTransportOptions {
  /** Origin of the API (https://qyapi.weixin.qq.com or the sandbox); `cgi-bin/` is appended. */
  apiBase: string;
  corpId: string;
  secret: string;
  tokenStore: TokenStore;
  /** Store key of this secret's token: one token per (corp, secret) (reference §4.4). */
  tokenKey: string;
  logger: Logger;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  tokenMarginMs?: number;
  now?: () => number;
}

export type Query = Record<string, string | number>;

interface WeComReply {
  errcode?: unknown;
  errmsg?: unknown;
}

/** One call: a path under cgi-bin/ (or an absolute URL), its query and its JSON body. */
interface WeComRequest {
  method: 'GET' | 'POST';
  url: string;
  query?: Query;
  body?: object;
}

export class WeComTransport {
  /** The app's access token; also used by the JS-SDK ticket fetches. */
  readonly accessToken: CachedCredential;
  readonly #http: PlatformHttp;
  readonly #base: string;
  readonly #corpId: string;
  readonly #secret: string;
  readonly #retry: RetryPolicy;
  readonly #log: Logger;
  readonly #now: () => number;

  constructor(options: WeComTransportOptions) {
    this.#http = new PlatformHttp(options.timeoutMs ?? 10_000);
    this.#base = `${options.apiBase.replace(/\/+$/, '')}/cgi-bin/`;
    this.#corpId = options.corpId;
    this.#secret = options.secret;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#log = options.logger.child({ component: 'wecom-api' });
    this.#now = options.now ?? Date.now;
    this.accessToken = new CachedCredential(
      options.tokenStore,
      options.tokenKey,
      () => this.#fetchToken(),
      options.tokenMarginMs ?? DEFAULT_TOKEN_MARGIN_MS,
      this.#now,
    );
  }

  /**
   * Asks gettoken now, past the cache (the going-live check): throws what WeCom answered. Within a
   * token's validity WeCom hands back the same token, so the cached one stays good.
   */
  async checkToken(): Promise<void> {
    await this.#fetchToken();
  }

  /** `GET cgi-bin/<path>` with the access token. */
  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.#authenticated<T>(path, { method: 'GET', url: path, query });
  }

  /** `POST cgi-bin/<path>` with the access token and a JSON body. */
  post<T>(path: string, body: object, query: Query = {}): Promise<T> {
    return this.#authenticated<T>(path, { method: 'POST', url: path, query, body });
  }

  /**
   * POST to an absolute URL whose query carries its own credential (a group robot webhook).
   * `label` names the call in logs and errors instead of the URL.
   */
  postToUrl<T>(label: string, url: string, body: object): Promise<T> {
    return this.#withRetries<T>(label, () => this.#exchange(label, { method: 'POST', url, body }));
  }

  #authenticated<T>(path: string, request: WeComRequest): Promise<T> {
    let token: string | undefined;
    let renewed = false;
    return this.#withRetries<T>(
      path,
      async () => {
        token ??= await this.accessToken.get();
        return this.#exchange(path, { ...request, query: { ...request.query, access_token: token } });
      },
      async (errcode) => {
        if (renewed || token === undefined || !TOKEN_REFUSED.has(errcode)) return false;
        renewed = true;
        this.#log.info({ path, errcode }, 'access token refused; renewing it and retrying once');
        token = await this.accessToken.renew(token);
        return true;
      },
    );
  }

  async #withRetries<T>(
    path: string,
    attempt: () => Promise<WeComReply>,
    recover: (errcode: number) => Promise<boolean> = async () => false,
  ): Promise<T> {
    for (let busyRetries = 0; ; ) {
      const reply = await attempt();
      const errcode = typeof reply.errcode === 'number' ? reply.errcode : 0;
      if (errcode === 0) return reply as T;
      const errmsg = typeof reply.errmsg === 'string' ? reply.errmsg : '';
      if (await recover(errcode)) continue;
      if (RETRY_LATER.has(errcode) && busyRetries < this.#retry.retries) {
        const delayMs = this.#backoff(busyRetries++);
        this.#log.warn(
          { path, errcode, errmsg, delayMs, retry: busyRetries },
          'WeCom busy or throttling; backing off',
        );
        await sleep(delayMs);
        continue;
      }
      this.#log.warn({ path, errcode, errmsg }, 'WeCom call failed');
      throw new WeComApiError(path, errcode, errmsg);
    }
  }

  /** Exponential with jitter in [d/2, d], so instances throttled together do not retry in step. */
  #backoff(retry: number): number {
    const ceiling = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** retry);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  async #exchange(path: string, request: WeComRequest): Promise<WeComReply> {
    const started = performance.now();
    const url = new URL(request.url, this.#base);
    let status: number;
    let text: string;
    try {
      ({ status, text } = await this.#http.exchange({
        method: request.method,
        url,
        query: request.query,
        json: request.body,
      }));
    } catch (error) {
      if (!(error instanceof PlatformUnreachable)) throw error;
      this.#log.warn({ path, reason: error.code }, 'WeCom unreachable');
      throw new WeComTransportError(path, error.code);
    }
    this.#log.debug({ path, status, ms: Math.round(performance.now() - started) }, 'WeCom call');
    if (status < 200 || status > 299) {
      throw new WeComTransportError(path, `HTTP ${status}`, status);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new WeComTransportError(path, 'response is not a JSON object', status);
    }
    return data;
  }

  async #fetchToken(): Promise<CachedToken> {
    const reply = await this.#withRetries<{ access_token?: unknown; expires_in?: unknown }>('gettoken', () =>
      this.#exchange('gettoken', {
        method: 'GET',
        url: 'gettoken',
        query: { corpid: this.#corpId, corpsecret: this.#secret },
      }),
    );
    if (typeof reply.access_token !== 'string' || typeof reply.expires_in !== 'number') {
      throw new WeComTransportError('gettoken', 'response without access_token and expires_in');
    }
    this.#log.info({ expiresInS: reply.expires_in }, 'fetched a new WeCom access token');
    return { value: reply.access_token, expiresAt: new Date(this.#now() + reply.expires_in * 1000) };
  }
}
