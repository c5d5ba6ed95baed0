// Group chats: the app's own chats (appchat/*) and group robot webhooks (消息推送), each webhook
// through its own sliding rate window (see rate-limiter.ts for the wait-or-refuse rule).
import { createHash } from 'node:crypto';
import type { WebhookMessage } from './api-types.js';
import { WeComConfigError } from './errors.js';
import { type AppChatSpec, assertAppChat, assertContent, assertTemplateCard, LIMITS } from './limits.js';
import { SlidingWindowLimiter, WEBHOOK_WINDOWS } from './rate-limiter.js';
import { type Reply, requireString } from './reply-fields.js';
import type { WeComTransport } from './transport.js';

export class WeComGroupChats {
  readonly #webhooks: SlidingWindowLimiter;

  constructor(
    private readonly transport: WeComTransport,
    /** How long a webhook send may wait for room in its rate window before WeComRateLimitError. */
    private readonly rateLimitWaitMs: number,
    now: () => number,
  ) {
    this.#webhooks = new SlidingWindowLimiter(WEBHOOK_WINDOWS, now);
  }

  /** appchat/create: the chat stays invisible until its first message (reference §5.1). */
  async createAppChat(spec: AppChatSpec): Promise<string> {
    assertAppChat(spec);
    const reply = await this.transport.post<Reply>('appchat/create', {
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
    await this.#webhooks.acquire([`webhook:${robot}`], this.rateLimitWaitMs);
    await this.transport.postToUrl('webhook/send', webhookUrl, message);
  }

  async #sendAppChat(chatId: string, payload: Record<string, unknown>): Promise<void> {
    await this.transport.post('appchat/send', { chatid: chatId, safe: 0, ...payload });
  }
}
