// App messages (message/send) to members, departments and tags, and updates of sent template cards
// (message/update_template_card). Documented limits are checked before a request leaves.
import type { Logger } from 'pino';
import type { SendResult } from './api-types.js';
import { WeComLimitError } from './errors.js';
import { assertContent, assertRecipients, assertTemplateCard, LIMITS, type Recipients } from './limits.js';
import { type Reply, splitIds } from './reply-fields.js';
import type { WeComTransport } from './transport.js';

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

export class WeComAppMessages {
  constructor(
    private readonly transport: WeComTransport,
    private readonly agentId: number,
    private readonly log: Logger,
  ) {}

  async sendText(to: Recipients, content: string): Promise<SendResult> {
    assertContent('text content', content, LIMITS.messageBytes);
    return this.#send(to, { msgtype: 'text', text: { content } });
  }

  /** Markdown shows in the WeCom client only; the WeChat plugin shows "not supported". */
  async sendMarkdown(to: Recipients, content: string): Promise<SendResult> {
    assertContent('markdown content', content, LIMITS.messageBytes);
    return this.#send(to, { msgtype: 'markdown', markdown: { content } });
  }

  /** Interactive cards need a callback URL configured on the app (reference §4). */
  async sendTemplateCard(to: Recipients, card: Record<string, unknown>): Promise<SendResult> {
    assertTemplateCard(card);
    return this.#send(to, { msgtype: 'template_card', template_card: card });
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
    await this.transport.post('message/update_template_card', {
      userids: users,
      partyids: parties.map(Number),
      tagids: tags.map(Number),
      atall: update.everyone ? 1 : 0,
      agentid: this.agentId,
      response_code: update.responseCode,
      ...change,
    });
  }

  async #send(to: Recipients, payload: Record<string, unknown>): Promise<SendResult> {
    assertRecipients(to);
    const users = to.users ?? [];
    const reply = await this.transport.post<Reply>('message/send', {
      ...(users.length ? { touser: users.join('|') } : {}),
      ...(to.parties?.length ? { toparty: to.parties.join('|') } : {}),
      ...(to.tags?.length ? { totag: to.tags.join('|') } : {}),
      agentid: this.agentId,
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
      this.log.warn(
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
}
