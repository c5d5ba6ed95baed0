// The WeCom server API the CRM uses (reference §4–§7): one object over the areas, each in its own
// file on the one transport (transport.ts: the access token, retries, typed errors). Documented
// limits are checked before a request leaves; frequency limits go through per-recipient sliding
// windows (see rate-limiter.ts for the wait-or-refuse rule).
import type { Logger } from 'pino';
import { WeComAddressBook } from './address-book.js';
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
import type { UpdateTemplateCard } from './app-messages.js';
import { WeComAppMessages } from './app-messages.js';
import { type NewCorpTags, WeComCorpTags } from './corp-tags.js';
import { WeComConfigError } from './errors.js';
import { WeComExternalContactApi } from './external-contact-api.js';
import { WeComGroupChats } from './group-chats.js';
import { WeComIdentity } from './identity.js';
import type { JsSdkSignature } from './jssdk.js';
import type { AppChatSpec, Recipients } from './limits.js';
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

export class WeComClient {
  readonly #messages: WeComAppMessages;
  readonly #chats: WeComGroupChats;
  readonly #addressBook: WeComAddressBook;
  readonly #contacts: WeComExternalContactApi;
  readonly #tags: WeComCorpTags;
  readonly #identity: WeComIdentity;
  readonly #transport: WeComTransport;

  constructor(options: WeComClientOptions) {
    if (!/^\d+$/.test(String(options.agentId))) throw new WeComConfigError('WeCom agentId must be a number');
    const keyPrefix = `wecom:${options.corpId}:${options.agentId}`;
    const log = options.logger.child({ component: 'wecom-client' });
    const now = options.now ?? Date.now;
    const transport = new WeComTransport({
      apiBase: options.apiBase,
      corpId: options.corpId,
      secret: options.secret,
      tokenStore: options.tokenStore,
      tokenKey: `${keyPrefix}:access_token`,
      logger: options.logger,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
      ...(options.tokenMarginMs !== undefined ? { tokenMarginMs: options.tokenMarginMs } : {}),
      now,
    });
    this.#transport = transport;
    this.#messages = new WeComAppMessages(transport, Number(options.agentId), log);
    this.#chats = new WeComGroupChats(transport, options.rateLimitWaitMs ?? 2_000, now);
    this.#addressBook = new WeComAddressBook(transport);
    this.#contacts = new WeComExternalContactApi(transport);
    this.#tags = new WeComCorpTags(transport);
    this.#identity = new WeComIdentity(transport, {
      tokenStore: options.tokenStore,
      keyPrefix,
      marginMs: options.tokenMarginMs ?? DEFAULT_TOKEN_MARGIN_MS,
      logger: log,
      now,
    });
  }

  /** gettoken now, past the cache: resolves when WeCom issues a token, throws its refusal otherwise. */
  checkAccessToken(): Promise<void> {
    return this.#transport.checkToken();
  }

  // App messages (app-messages.ts)

  sendText(to: Recipients, content: string): Promise<SendResult> {
    return this.#messages.sendText(to, content);
  }

  sendMarkdown(to: Recipients, content: string): Promise<SendResult> {
    return this.#messages.sendMarkdown(to, content);
  }

  sendTemplateCard(to: Recipients, card: Record<string, unknown>): Promise<SendResult> {
    return this.#messages.sendTemplateCard(to, card);
  }

  updateTemplateCard(update: UpdateTemplateCard): Promise<void> {
    return this.#messages.updateTemplateCard(update);
  }

  // Group chats and group robot webhooks (group-chats.ts)

  createAppChat(spec: AppChatSpec): Promise<string> {
    return this.#chats.createAppChat(spec);
  }

  sendAppChatText(chatId: string, content: string): Promise<void> {
    return this.#chats.sendAppChatText(chatId, content);
  }

  sendAppChatMarkdown(chatId: string, content: string): Promise<void> {
    return this.#chats.sendAppChatMarkdown(chatId, content);
  }

  sendWebhook(webhookUrl: string, message: WebhookMessage): Promise<void> {
    return this.#chats.sendWebhook(webhookUrl, message);
  }

  // Address book (address-book.ts)

  listUsers(departmentId: number | string, options: { fetchChild?: boolean } = {}): Promise<WeComUser[]> {
    return this.#addressBook.listUsers(departmentId, options);
  }

  listDepartments(id?: number | string): Promise<WeComDepartment[]> {
    return this.#addressBook.listDepartments(id);
  }

  getUser(userId: string): Promise<WeComUser> {
    return this.#addressBook.getUser(userId);
  }

  getDepartment(id: number | string): Promise<WeComDepartment> {
    return this.#addressBook.getDepartment(id);
  }

  // External contacts (external-contact-api.ts) and corp tags (corp-tags.ts)

  getExternalContact(externalUserId: string): Promise<ExternalContactDetail> {
    return this.#contacts.getExternalContact(externalUserId);
  }

  externalContactsByUser(userIds: readonly string[]): AsyncGenerator<ExternalContactFollow> {
    return this.#contacts.externalContactsByUser(userIds);
  }

  getCorpTags(filter: { tagIds?: string[]; groupIds?: string[] } = {}): Promise<CorpTagGroup[]> {
    return this.#tags.getCorpTags(filter);
  }

  addCorpTags(input: NewCorpTags): Promise<CorpTagGroup> {
    return this.#tags.addCorpTags(input);
  }

  editCorpTag(input: { id: string; name?: string; order?: number }): Promise<void> {
    return this.#tags.editCorpTag(input);
  }

  deleteCorpTags(input: { tagIds?: string[]; groupIds?: string[] }): Promise<void> {
    return this.#tags.deleteCorpTags(input);
  }

  markTags(input: {
    userId: string;
    externalUserId: string;
    add?: string[];
    remove?: string[];
  }): Promise<void> {
    return this.#tags.markTags(input);
  }

  // Identity and JS-SDK signatures (identity.ts)

  getUserInfo(code: string): Promise<OAuthIdentity> {
    return this.#identity.getUserInfo(code);
  }

  jscode2session(code: string): Promise<MiniProgramSession> {
    return this.#identity.jscode2session(code);
  }

  jsSdkConfigSignature(url: string): Promise<JsSdkSignature> {
    return this.#identity.jsSdkConfigSignature(url);
  }

  agentConfigSignature(url: string): Promise<JsSdkSignature> {
    return this.#identity.agentConfigSignature(url);
  }
}
