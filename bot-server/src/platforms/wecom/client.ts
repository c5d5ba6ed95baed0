// The WeCom server API the CRM uses (reference §4–§7), on top of the transport's token handling
// and retries. Documented limits are checked before a request leaves; frequency limits go through
// per-recipient sliding windows (see rate-limiter.ts for the wait-or-refuse rule).
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type {
  CorpTagGroup,
  ExternalContactDetail,
  ExternalContactFollow,
  MiniProgramSession,
  OAuthIdentity,
  SendResult,
  WebhookMessage,
  WeComDepartment,
  WeComUser,
} from './api-types.js';
import { CachedCredential } from './credential.js';
import { WeComConfigError, WeComLimitError, WeComTransportError } from './errors.js';
import { type JsSdkSignature, signJsSdk } from './jssdk.js';
import {
  type AppChatSpec,
  assertAppChat,
  assertContent,
  assertRecipients,
  assertTemplateCard,
  LIMITS,
  type Recipients,
} from './limits.js';
import { SlidingWindowLimiter, WEBHOOK_WINDOWS } from './rate-limiter.js';
import type { TokenStore } from './token-store.js';
import { DEFAULT_TOKEN_MARGIN_MS, type RetryPolicy, WeComTransport } from './transport.js';

export interface WeComClientOptions {
  /** https://qyapi.weixin.qq.com, or the sandbox's base. */
  apiBase: string;
  corpId: string;
  /** The app's secret; its token also serves 客户联系 when the app is one of its 可调用应用. */
  secret: string;
  agentId: number | string;
  tokenStore: TokenStore;
  logger: Logger;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  tokenMarginMs?: number;
  /** How long a send may wait for room in a recipient's rate window before WeComRateLimitError. */
  rateLimitWaitMs?: number;
  /** Milliseconds since the epoch, for token expiry, rate windows and JS-SDK timestamps; tests move it. */
  now?: () => number;
}

export type UpdateTemplateCard = {
  /** Single-use: from message/send or from a template_card_event. */
  responseCode: string;
  /** Update every recipient's copy (atall); otherwise only the listed ones. */
  everyone?: boolean;
  userIds?: readonly string[];
  partyIds?: readonly string[];
  tagIds?: readonly string[];
} & (
  | { /** Grey out the clicked button with this text. */ replaceName: string }
  | { /** A whole new card (same task_id). */ card: Record<string, unknown> }
);

export interface NewCorpTags {
  groupId?: string;
  groupName?: string;
  order?: number;
  tags: { name: string; order?: number }[];
}

interface Reply {
  [field: string]: unknown;
}

export class WeComClient {
  readonly #transport: WeComTransport;
  readonly #agentId: number;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #rateLimitWaitMs: number;
  readonly #webhooks: SlidingWindowLimiter;
  readonly #corpTicket: CachedCredential;
  readonly #agentTicket: CachedCredential;

  constructor(options: WeComClientOptions) {
    if (!/^\d+$/.test(String(options.agentId))) throw new WeComConfigError('WeCom agentId must be a number');
    const keyPrefix = `wecom:${options.corpId}:${options.agentId}`;
    this.#agentId = Number(options.agentId);
    this.#log = options.logger.child({ component: 'wecom-client' });
    this.#now = options.now ?? Date.now;
    this.#rateLimitWaitMs = options.rateLimitWaitMs ?? 2_000;
    this.#transport = new WeComTransport({
      apiBase: options.apiBase,
      corpId: options.corpId,
      secret: options.secret,
      tokenStore: options.tokenStore,
      tokenKey: `${keyPrefix}:access_token`,
      logger: options.logger,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
      ...(options.tokenMarginMs !== undefined ? { tokenMarginMs: options.tokenMarginMs } : {}),
      now: this.#now,
    });
    this.#webhooks = new SlidingWindowLimiter(WEBHOOK_WINDOWS, this.#now);
    const margin = options.tokenMarginMs ?? DEFAULT_TOKEN_MARGIN_MS;
    // Tickets are cached like tokens: jsapi_ticket is capped at 400/h per corp and 100/h per app.
    this.#corpTicket = new CachedCredential(
      options.tokenStore,
      `${keyPrefix}:jsapi_ticket`,
      () => this.#fetchTicket('get_jsapi_ticket', {}),
      margin,
      this.#now,
    );
    this.#agentTicket = new CachedCredential(
      options.tokenStore,
      `${keyPrefix}:agent_config_ticket`,
      () => this.#fetchTicket('ticket/get', { type: 'agent_config' }),
      margin,
      this.#now,
    );
  }

  // ── App messages (message/send) ──────────────────────────────────────────────

  async sendText(to: Recipients, content: string): Promise<SendResult> {
    assertContent('text content', content, LIMITS.messageBytes);
    return this.#sendMessage(to, { msgtype: 'text', text: { content } });
  }

  /** Markdown shows in the WeCom client only; the WeChat plugin shows "not supported". */
  async sendMarkdown(to: Recipients, content: string): Promise<SendResult> {
    assertContent('markdown content', content, LIMITS.messageBytes);
    return this.#sendMessage(to, { msgtype: 'markdown', markdown: { content } });
  }

  /** Interactive cards need a callback URL configured on the app (reference §4). */
  async sendTemplateCard(to: Recipients, card: Record<string, unknown>): Promise<SendResult> {
    assertTemplateCard(card);
    return this.#sendMessage(to, { msgtype: 'template_card', template_card: card });
  }

  /** message/update_template_card: consumes `responseCode` (reference §3.1 b). */
  async updateTemplateCard(update: UpdateTemplateCard): Promise<void> {
    const users = update.userIds ?? [];
    const parties = update.partyIds ?? [];
    const tags = update.tagIds ?? [];
    if (!update.everyone || users.length + parties.length + tags.length > 0)
      assertRecipients({ users, parties, tags });
    if (update.responseCode === '') throw new WeComLimitError('update_template_card needs a response_code');
    let change: Record<string, unknown>;
    if ('card' in update) {
      assertTemplateCard(update.card);
      change = { template_card: update.card };
    } else {
      if (update.replaceName === '') throw new WeComLimitError('button replace_name is empty');
      change = { button: { replace_name: update.replaceName } };
    }
    await this.#transport.post('message/update_template_card', {
      userids: users,
      partyids: parties.map(Number),
      tagids: tags.map(Number),
      atall: update.everyone ? 1 : 0,
      agentid: this.#agentId,
      response_code: update.responseCode,
      ...change,
    });
  }

  // ── Group chats ──────────────────────────────────────────────────────────────

  /** appchat/create: the chat stays invisible until its first message (reference §5.1). */
  async createAppChat(spec: AppChatSpec): Promise<string> {
    assertAppChat(spec);
    const reply = await this.#transport.post<Reply>('appchat/create', {
      name: spec.name,
      userlist: spec.userIds,
      ...(spec.owner !== undefined ? { owner: spec.owner } : {}),
      ...(spec.chatId !== undefined ? { chatid: spec.chatId } : {}),
    });
    return requireString(reply, 'chatid', 'appchat/create');
  }

  async sendAppChatText(chatId: string, content: string): Promise<void> {
    assertContent('text content', content, LIMITS.messageBytes);
    return this.#sendAppChat(chatId, { msgtype: 'text', text: { content } });
  }

  async sendAppChatMarkdown(chatId: string, content: string): Promise<void> {
    assertContent('markdown content', content, LIMITS.messageBytes);
    return this.#sendAppChat(chatId, { msgtype: 'markdown', markdown: { content } });
  }

  /**
   * A group robot (消息推送) webhook. `webhookUrl` is the full URL with its key, which is the only
   * credential: it never appears in logs.
   */
  async sendWebhook(webhookUrl: string, message: WebhookMessage): Promise<void> {
    if (!URL.canParse(webhookUrl) || !new URL(webhookUrl).searchParams.get('key')) {
      throw new WeComConfigError('a group robot webhook URL needs its key parameter');
    }
    if (message.msgtype === 'text')
      assertContent('text content', message.text.content, LIMITS.webhookTextBytes);
    else if (message.msgtype === 'markdown') {
      assertContent('markdown content', message.markdown.content, LIMITS.webhookMarkdownBytes);
    } else assertTemplateCard(message.template_card, 'webhook');
    const robot = createHash('sha256').update(webhookUrl).digest('hex').slice(0, 16);
    await this.#webhooks.acquire([`webhook:${robot}`], this.#rateLimitWaitMs);
    await this.#transport.postToUrl('webhook/send', webhookUrl, message);
  }

  // ── Organisation ─────────────────────────────────────────────────────────────

  async listUsers(
    departmentId: number | string,
    options: { fetchChild?: boolean } = {},
  ): Promise<WeComUser[]> {
    const reply = await this.#transport.get<Reply>('user/list', {
      department_id: departmentId,
      fetch_child: options.fetchChild ? 1 : 0,
    });
    return requireArray(reply, 'userlist', 'user/list') as WeComUser[];
  }

  /** The department and all its sub-departments; the whole visible tree without `id`. */
  async listDepartments(id?: number | string): Promise<WeComDepartment[]> {
    const reply = await this.#transport.get<Reply>('department/list', id === undefined ? {} : { id });
    return requireArray(reply, 'department', 'department/list') as WeComDepartment[];
  }

  /** user/get: one member; errcode 60111 when there is no such userid. */
  async getUser(userId: string): Promise<WeComUser> {
    const reply = await this.#transport.get<Reply>('user/get', { userid: userId });
    requireString(reply, 'userid', 'user/get');
    return reply as WeComUser;
  }

  /** department/get: one department; errcode 60123 when there is no such id. */
  async getDepartment(id: number | string): Promise<WeComDepartment> {
    const reply = await this.#transport.get<Reply>('department/get', { id });
    if (typeof reply.department !== 'object' || reply.department === null) {
      throw new WeComTransportError('department/get', 'response without department');
    }
    return reply.department as WeComDepartment;
  }

  // ── External contacts (客户联系) ─────────────────────────────────────────────

  /** externalcontact/get, following next_cursor when the customer has more than 500 followers. */
  async getExternalContact(externalUserId: string): Promise<ExternalContactDetail> {
    let cursor = '';
    let detail: ExternalContactDetail | undefined;
    do {
      const reply = await this.#transport.get<Reply>('externalcontact/get', {
        external_userid: externalUserId,
        ...(cursor ? { cursor } : {}),
      });
      const followers = requireArray(
        reply,
        'follow_user',
        'externalcontact/get',
      ) as ExternalContactDetail['follow_user'];
      if (typeof reply.external_contact !== 'object' || reply.external_contact === null) {
        throw new WeComTransportError('externalcontact/get', 'response without external_contact');
      }
      detail = {
        external_contact: reply.external_contact as ExternalContactDetail['external_contact'],
        follow_user: [...(detail?.follow_user ?? []), ...followers],
      };
      cursor = typeof reply.next_cursor === 'string' ? reply.next_cursor : '';
    } while (cursor);
    return detail;
  }

  /**
   * Every (customer, follower) pair of the given members, page by page through
   * externalcontact/batch/get_by_user (≤100 members per request, cursor until empty): the full sync.
   */
  async *externalContactsByUser(userIds: readonly string[]): AsyncGenerator<ExternalContactFollow> {
    for (let start = 0; start < userIds.length; start += LIMITS.batchUsers) {
      const batch = userIds.slice(start, start + LIMITS.batchUsers);
      let cursor = '';
      do {
        const reply = await this.#transport.post<Reply>('externalcontact/batch/get_by_user', {
          userid_list: batch,
          cursor,
          limit: LIMITS.batchUsers,
        });
        yield* requireArray(
          reply,
          'external_contact_list',
          'externalcontact/batch/get_by_user',
        ) as ExternalContactFollow[];
        cursor = typeof reply.next_cursor === 'string' ? reply.next_cursor : '';
      } while (cursor);
    }
  }

  async getCorpTags(filter: { tagIds?: string[]; groupIds?: string[] } = {}): Promise<CorpTagGroup[]> {
    const reply = await this.#transport.post<Reply>('externalcontact/get_corp_tag_list', {
      ...(filter.tagIds ? { tag_id: filter.tagIds } : {}),
      ...(filter.groupIds ? { group_id: filter.groupIds } : {}),
    });
    return requireArray(reply, 'tag_group', 'externalcontact/get_corp_tag_list') as CorpTagGroup[];
  }

  /** Adds tags to the group `groupId`, or to a group `groupName` created on the fly. */
  async addCorpTags(input: NewCorpTags): Promise<CorpTagGroup> {
    if (input.groupId === undefined && input.groupName === undefined) {
      throw new WeComLimitError('add_corp_tag needs a groupId or a groupName');
    }
    const reply = await this.#transport.post<Reply>('externalcontact/add_corp_tag', {
      ...(input.groupId !== undefined ? { group_id: input.groupId } : {}),
      ...(input.groupName !== undefined ? { group_name: input.groupName } : {}),
      ...(input.order !== undefined ? { order: input.order } : {}),
      tag: input.tags,
    });
    if (typeof reply.tag_group !== 'object' || reply.tag_group === null) {
      throw new WeComTransportError('externalcontact/add_corp_tag', 'response without tag_group');
    }
    return reply.tag_group as CorpTagGroup;
  }

  /** Renames (and reorders) a tag or a tag group: `id` may be either. */
  async editCorpTag(input: { id: string; name?: string; order?: number }): Promise<void> {
    await this.#transport.post('externalcontact/edit_corp_tag', {
      id: input.id,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.order !== undefined ? { order: input.order } : {}),
    });
  }

  /** Deletes tags and whole groups; WeCom also drops a group whose last tag goes. */
  async deleteCorpTags(input: { tagIds?: string[]; groupIds?: string[] }): Promise<void> {
    if (!input.tagIds?.length && !input.groupIds?.length)
      throw new WeComLimitError('del_corp_tag needs tag or group ids');
    await this.#transport.post('externalcontact/del_corp_tag', {
      tag_id: input.tagIds ?? [],
      group_id: input.groupIds ?? [],
    });
  }

  async markTags(input: {
    userId: string;
    externalUserId: string;
    add?: string[];
    remove?: string[];
  }): Promise<void> {
    if (!input.add?.length && !input.remove?.length)
      throw new WeComLimitError('mark_tag needs tags to add or remove');
    await this.#transport.post('externalcontact/mark_tag', {
      userid: input.userId,
      external_userid: input.externalUserId,
      add_tag: input.add ?? [],
      remove_tag: input.remove ?? [],
    });
  }

  // ── Identity ─────────────────────────────────────────────────────────────────

  /** auth/getuserinfo with an OAuth code (single-use, 5 min) (reference §6.1). */
  async getUserInfo(code: string): Promise<OAuthIdentity> {
    const reply = await this.#transport.get<Reply>('auth/getuserinfo', { code });
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
    const reply = await this.#transport.get<Reply>('miniprogram/jscode2session', {
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

  // ── Internals ────────────────────────────────────────────────────────────────

  async #sendMessage(to: Recipients, payload: Record<string, unknown>): Promise<SendResult> {
    assertRecipients(to);
    const users = to.users ?? [];
    const reply = await this.#transport.post<Reply>('message/send', {
      ...(users.length ? { touser: users.join('|') } : {}),
      ...(to.parties?.length ? { toparty: to.parties.join('|') } : {}),
      ...(to.tags?.length ? { totag: to.tags.join('|') } : {}),
      agentid: this.#agentId,
      ...payload,
    });
    const result: SendResult = {
      msgId: typeof reply.msgid === 'string' ? reply.msgid : '',
      invalidUsers: splitIds(reply.invaliduser),
      invalidParties: splitIds(reply.invalidparty),
      invalidTags: splitIds(reply.invalidtag),
      unlicensedUsers: splitIds(reply.unlicenseduser),
    };
    if (typeof reply.response_code === 'string' && reply.response_code)
      result.responseCode = reply.response_code;
    const invalid = result.invalidUsers.length + result.invalidParties.length + result.invalidTags.length;
    if (invalid > 0 || result.unlicensedUsers.length > 0) {
      this.#log.warn(
        {
          invalidUsers: result.invalidUsers,
          invalidParties: result.invalidParties,
          invalidTags: result.invalidTags,
          unlicensedUsers: result.unlicensedUsers,
        },
        'message/send skipped some recipients',
      );
    }
    return result;
  }

  async #sendAppChat(chatId: string, payload: Record<string, unknown>): Promise<void> {
    await this.#transport.post('appchat/send', { chatid: chatId, safe: 0, ...payload });
  }

  async #fetchTicket(path: string, query: Record<string, string>) {
    const reply = await this.#transport.get<Reply>(path, query);
    const ticket = requireString(reply, 'ticket', path);
    const expiresIn = typeof reply.expires_in === 'number' ? reply.expires_in : 7200;
    this.#log.info({ path, expiresInS: expiresIn }, 'fetched a new WeCom JS-SDK ticket');
    return { value: ticket, expiresAt: new Date(this.#now() + expiresIn * 1000) };
  }
}

/** WeCom lists ids as "a|b|c"; an empty string is an empty list. */
function splitIds(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? value.split('|') : [];
}

function requireString(reply: Reply, field: string, path: string): string {
  const value = reply[field];
  if (typeof value !== 'string' || value === '')
    throw new WeComTransportError(path, `response without ${field}`);
  return value;
}

function requireArray(reply: Reply, field: string, path: string): unknown[] {
  const value = reply[field];
  if (!Array.isArray(value)) throw new WeComTransportError(path, `response without ${field}`);
  return value;
}
