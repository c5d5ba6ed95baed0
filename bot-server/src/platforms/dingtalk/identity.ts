// Who the user is: mini-app / H5 auth codes, and the JSAPI ticket and signature for `dd.config`.
import { z } from 'zod';
import { randomAlnum } from './crypto.js';
import { jsapiSignature } from './jsapi.js';
import type { TokenStore } from './token-store.js';
import { type DingTalkTransport, TOKEN_MARGIN_MS } from './transport.js';

export interface DingTalkAuthUser {
  userId: string;
  unionId?: string;
  name?: string;
  /** sys_level: 1 super admin, 2 sub admin, 100 boss, 0 other. */
  sysLevel?: number;
}

export interface JsapiConfig {
  agentId: string;
  timeStamp: string;
  nonceStr: string;
  signature: string;
}

const ticketSchema = z.looseObject({ ticket: z.string().min(1), expires_in: z.number() });
const userInfoSchema = z.looseObject({
  result: z.looseObject({
    userid: z.string().min(1),
    unionid: z.string().optional(),
    name: z.string().optional(),
    sys_level: z.number().optional(),
  }),
});

export class DingTalkIdentity {
  readonly #ticketKey: string;

  constructor(
    private readonly transport: DingTalkTransport,
    private readonly app: { clientId: string; agentId: string; tokenStore: TokenStore },
  ) {
    this.#ticketKey = `dingtalk:${app.clientId}:jsapi_ticket`;
  }

  /** Exchanges a mini-app / H5 auth code (single use, five minutes) for the user; 40078 = used or expired. */
  async userByAuthCode(code: string): Promise<DingTalkAuthUser> {
    const api = 'topapi/v2/user/getuserinfo';
    const data = await this.transport.call(api, {
      host: 'oapi',
      method: 'POST',
      path: '/topapi/v2/user/getuserinfo',
      data: { code },
      auth: 'query',
    });
    const r = this.transport.parse(api, userInfoSchema, data).result;
    return {
      userId: r.userid,
      ...(r.unionid ? { unionId: r.unionid } : {}),
      ...(r.name ? { name: r.name } : {}),
      ...(r.sys_level === undefined ? {} : { sysLevel: r.sys_level }),
    };
  }

  /** The JSAPI ticket, cached and shared like the access token. */
  async jsapiTicket(): Promise<string> {
    const cached = await this.app.tokenStore.read(this.#ticketKey, TOKEN_MARGIN_MS);
    if (cached) return cached.value;
    const fresh = await this.app.tokenStore.refresh(this.#ticketKey, undefined, async () => {
      const api = 'get_jsapi_ticket';
      const data = await this.transport.call(api, {
        host: 'oapi',
        method: 'GET',
        path: '/get_jsapi_ticket',
        auth: 'query',
      });
      const t = this.transport.parse(api, ticketSchema, data);
      return { value: t.ticket, expiresAt: new Date(Date.now() + t.expires_in * 1000) };
    });
    return fresh.value;
  }

  /** Everything `dd.config` needs except corpId (which the caller knows from configuration). */
  async jsapiConfig(url: string): Promise<JsapiConfig> {
    const ticket = await this.jsapiTicket();
    const nonceStr = randomAlnum(16);
    const timeStamp = String(Date.now());
    return {
      agentId: this.app.agentId,
      timeStamp,
      nonceStr,
      signature: jsapiSignature({ ticket, nonceStr, timeStamp, url }),
    };
  }
}
