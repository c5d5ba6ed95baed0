// HTTP to DingTalk: both hosts (api.dingtalk.com with the token in a header, oapi.dingtalk.com with
// it in the query), one token cache shared through the TokenStore, one retry policy (refresh once
// on an invalid token, back off on QPS limits), one error type.
import type { Logger } from 'pino';
import { z } from 'zod';
import { PlatformHttp, PlatformUnreachable } from '../http-exchange.js';
import { classifyResponse, type Json } from './api-outcome.js';
import { type Backoff, backoffDelay, sleep } from './backoff.js';
import { DingTalkApiError } from './errors.js';
import type { CachedToken, TokenStore } from './token-store.js';

export interface DingTalkTransportOptions {
  /** https://api.dingtalk.com or a stand-in. */
  apiBase: string;
  /** https://oapi.dingtalk.com or a stand-in. */
  oapiBase: string;
  clientId: string;
  clientSecret: string;
  tokenStore: TokenStore;
  logger: Logger;
  /** Backoff for QPS-limit and busy answers; default 500 ms doubling up to 8 s. */
  retry?: Backoff & { maxRetries: number };
  timeoutMs?: number;
}

export interface Call {
  host: 'api' | 'oapi' | 'absolute';
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  data?: unknown;
  params?: Record<string, string>;
  /** Where the access token goes: the new API's header, the old API's query, or nowhere. */
  auth: 'header' | 'query' | 'none';
}

/** Refresh five minutes early, as DingTalk's own SDKs do. */
export const TOKEN_MARGIN_MS = 5 * 60 * 1000;

const tokenSchema = z.looseObject({ accessToken: z.string().min(1), expireIn: z.number() });

export class DingTalkTransport {
  readonly #o: DingTalkTransportOptions;
  readonly #http: PlatformHttp;
  readonly #retry: Backoff & { maxRetries: number };
  readonly #tokenKey: string;
  /** This instance's copy of the shared token, so most calls need no store round trip. */
  #token: CachedToken | undefined;

  constructor(options: DingTalkTransportOptions) {
    this.#o = options;
    this.#retry = options.retry ?? { initialMs: 500, maxMs: 8_000, maxRetries: 4 };
    this.#tokenKey = `dingtalk:${options.clientId}:access_token`;
    // Every status is classified by classifyResponse; the raw text lets it spot the HTML ban page.
    this.#http = new PlatformHttp(options.timeoutMs ?? 10_000);
  }

  /** The configured oapi origin: the only host a session webhook may point at. */
  get oapiOrigin(): string {
    return new URL(this.#o.oapiBase).origin;
  }

  // -------------------------------------------------------------------------------------------
  // Access token

  /** A token valid for at least five more minutes, fetched only when the shared cache has none. */
  async accessToken(): Promise<string> {
    const now = Date.now();
    if (this.#token && this.#token.expiresAt.getTime() - now >= TOKEN_MARGIN_MS) return this.#token.value;
    this.#token =
      (await this.#o.tokenStore.read(this.#tokenKey, TOKEN_MARGIN_MS)) ??
      (await this.#o.tokenStore.refresh(this.#tokenKey, undefined, () => this.#fetchToken()));
    return this.#token.value;
  }

  /** Asks for a token now, past the cache (the going-live check); DingTalk extends the live one. */
  async checkToken(): Promise<void> {
    await this.#fetchToken();
  }

  async #refreshRejected(rejected: string): Promise<string> {
    this.#token = await this.#o.tokenStore.refresh(this.#tokenKey, rejected, () => this.#fetchToken());
    return this.#token.value;
  }

  async #fetchToken(): Promise<CachedToken> {
    const data = await this.call('oauth2/accessToken', {
      host: 'api',
      method: 'POST',
      path: '/v1.0/oauth2/accessToken',
      data: { appKey: this.#o.clientId, appSecret: this.#o.clientSecret },
      auth: 'none',
    });
    const token = this.parse('oauth2/accessToken', tokenSchema, data);
    // A zero or negative lifetime cached as-is would make every call refresh again.
    if (token.expireIn <= 0) {
      throw new DingTalkApiError('oauth2/accessToken', 'BAD_RESPONSE', 'non-positive expireIn');
    }
    this.#o.logger.info(
      { api: 'oauth2/accessToken', expireIn: token.expireIn },
      'dingtalk access token fetched',
    );
    return { value: token.accessToken, expiresAt: new Date(Date.now() + token.expireIn * 1000) };
  }

  // -------------------------------------------------------------------------------------------
  // Calls

  /** One API call: the token where `call.auth` puts it, one refresh when refused, backoff when throttled. */
  async call(api: string, call: Call): Promise<Json> {
    let token = call.auth === 'none' ? undefined : await this.accessToken();
    let refreshed = false;
    for (let retries = 0; ; ) {
      const outcome = await this.#send(api, call, token);
      switch (outcome.kind) {
        case 'ok':
          return outcome.data;
        case 'token_invalid':
          if (token === undefined || refreshed) {
            throw new DingTalkApiError(api, outcome.code, outcome.message);
          }
          this.#o.logger.warn(
            { api, code: outcome.code },
            'dingtalk rejected the access token; refreshing once',
          );
          refreshed = true;
          token = await this.#refreshRejected(token);
          continue;
        case 'retry': {
          if (retries >= this.#retry.maxRetries) {
            throw new DingTalkApiError(api, outcome.code, outcome.message);
          }
          const delayMs = backoffDelay(this.#retry, retries++);
          this.#o.logger.warn(
            { api, code: outcome.code, retry: retries, delayMs },
            'dingtalk throttled the call',
          );
          await sleep(delayMs);
          continue;
        }
        case 'error':
          throw new DingTalkApiError(api, outcome.code, outcome.message, outcome.status, outcome.requestId);
      }
    }
  }

  async #send(api: string, call: Call, token: string | undefined) {
    const base = call.host === 'api' ? this.#o.apiBase : call.host === 'oapi' ? this.#o.oapiBase : '';
    const url = new URL(`${base.replace(/\/+$/, '')}${call.path}`);
    try {
      const { status, text } = await this.#http.exchange({
        method: call.method,
        url,
        query: { ...call.params, ...(call.auth === 'query' && token ? { access_token: token } : {}) },
        json: call.data,
        headers: {
          accept: 'application/json',
          ...(call.auth === 'header' && token ? { 'x-acs-dingtalk-access-token': token } : {}),
        },
      });
      return classifyResponse(status, text);
    } catch (error) {
      // Not retried: a send may have reached DingTalk; the delivery job owns that decision.
      if (!(error instanceof PlatformUnreachable)) throw error;
      throw new DingTalkApiError(api, 'NETWORK_ERROR', error.code);
    }
  }

  /** The answer checked against `schema`; a mismatch is a BAD_RESPONSE naming the fields, never the values. */
  parse<T>(api: string, schema: z.ZodType<T>, data: Json): T {
    const result = schema.safeParse(data);
    if (!result.success) {
      const fields = result.error.issues.map((i) => i.path.join('.')).join(', ');
      throw new DingTalkApiError(api, 'BAD_RESPONSE', `unexpected answer (${fields})`);
    }
    return result.data;
  }
}

/** `list` in runs of at most `size`: the documented per-call limits are met by splitting. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
