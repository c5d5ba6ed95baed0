// Who the user is: OAuth codes (auth/getuserinfo), mini-program login codes (jscode2session), and
// the JS-SDK signatures from the corp and app tickets, cached and shared like the access token.
import type { Logger } from 'pino';
import type { MiniProgramSession, OAuthIdentity } from './api-types.js';
import { CachedCredential } from './credential.js';
import { WeComTransportError } from './errors.js';
import { type JsSdkSignature, signJsSdk } from './jssdk.js';
import { type Reply, requireString } from './reply-fields.js';
import type { TokenStore } from './token-store.js';
import type { WeComTransport } from './transport.js';

export interface WeComIdentityOptions {
  tokenStore: TokenStore;
  /** `wecom:<corp>:<agent>`: the tickets are stored under it. */
  keyPrefix: string;
  /** Refresh a ticket this long before it expires. */
  marginMs: number;
  logger: Logger;
  now: () => number;
}

export class WeComIdentity {
  readonly #corpTicket: CachedCredential;
  readonly #agentTicket: CachedCredential;
  readonly #log: Logger;
  readonly #now: () => number;

  constructor(
    private readonly transport: WeComTransport,
    options: WeComIdentityOptions,
  ) {
    this.#log = options.logger;
    this.#now = options.now;
    // Tickets are cached like tokens: jsapi_ticket is capped at 400/h per corp and 100/h per app.
    this.#corpTicket = new CachedCredential(
      options.tokenStore,
      `${options.keyPrefix}:jsapi_ticket`,
      () => this.#fetchTicket('get_jsapi_ticket', {}),
      options.marginMs,
      options.now,
    );
    this.#agentTicket = new CachedCredential(
      options.tokenStore,
      `${options.keyPrefix}:agent_config_ticket`,
      () => this.#fetchTicket('ticket/get', { type: 'agent_config' }),
      options.marginMs,
      options.now,
    );
  }

  /** auth/getuserinfo with an OAuth code (single-use, 5 min) (reference §6.1). */
  async getUserInfo(code: string): Promise<OAuthIdentity> {
    const reply = await this.transport.get<Reply>('auth/getuserinfo', { code });
    const field = (name: string) =>
      typeof reply[name] === 'string' && reply[name] ? reply[name] : undefined;
    const identity: OAuthIdentity = {};
    const userId = field('userid');
    const userTicket = field('user_ticket');
    const openId = field('openid');
    const externalUserId = field('external_userid');
    if (userId) identity.userId = userId;
    if (userTicket) identity.userTicket = userTicket;
    if (openId) identity.openId = openId;
    if (externalUserId) identity.externalUserId = externalUserId;
    if (!userId && !openId) throw new WeComTransportError('auth/getuserinfo', 'response names no user');
    return identity;
  }

  /** miniprogram/jscode2session with a `wx.qy.login` code, using the bound app's token (reference §6.4). */
  async jscode2session(code: string): Promise<MiniProgramSession> {
    const reply = await this.transport.get<Reply>('miniprogram/jscode2session', {
      js_code: code,
      grant_type: 'authorization_code',
    });
    return {
      corpId: requireString(reply, 'corpid', 'miniprogram/jscode2session'),
      userId: requireString(reply, 'userid', 'miniprogram/jscode2session'),
      sessionKey: requireString(reply, 'session_key', 'miniprogram/jscode2session'),
    };
  }

  /** Signature for `wx.config` / `getConfigSignature`, from the corp jsapi_ticket. */
  async jsSdkConfigSignature(url: string): Promise<JsSdkSignature> {
    return signJsSdk(await this.#corpTicket.get(), url, this.#now());
  }

  /** Signature for `wx.agentConfig` / `getAgentConfigSignature`, from the app's agent_config ticket. */
  async agentConfigSignature(url: string): Promise<JsSdkSignature> {
    return signJsSdk(await this.#agentTicket.get(), url, this.#now());
  }

  async #fetchTicket(path: string, query: Record<string, string>) {
    const reply = await this.transport.get<Reply>(path, query);
    const ticket = requireString(reply, 'ticket', path);
    const expiresIn = typeof reply.expires_in === 'number' ? reply.expires_in : 7200;
    this.#log.info({ path, expiresInS: expiresIn }, 'fetched a new WeCom JS-SDK ticket');
    return { value: ticket, expiresAt: new Date(this.#now() + expiresIn * 1000) };
  }
}
