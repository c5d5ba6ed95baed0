import { Problem } from '../../http/problem.js';
import type { SandboxContext } from '../context.js';
import { randomAlnum } from '../state/ids.js';
import { BOT_CHAT, BOT_NAME, type ChatMessage } from '../state/messages.js';
import type { Person } from '../state/org.js';
import { type CallbackDelivery, deliverCallback, weComXml, type XmlNode } from './callback.js';
import type { WeComCardView } from './cards.js';
import type { ExternalContact } from './customers.js';
import { clickKind, currentSelections } from './template-card.js';

// What a person does in WeCom, delivered to Kelian the way WeCom delivers it: an encrypted
// callback to `${serverUrl}/wecom/callback`.

const WECOM_CALLBACK_PATH = '/wecom/callback';

export interface WeComTextResult {
  message: ChatMessage;
  /** Absent for group messages: WeCom does not call the app back for them. */
  delivery?: CallbackDelivery;
}

export interface WeComClickResult {
  responseCode: string;
  delivery: CallbackDelivery;
  /** The clicker's copy of the card after any passive reply. */
  view: WeComCardView | undefined;
}

export interface WeComPersonActions {
  /** `retry`: WeCom sends the very same request this many more times (0–3), to test dedupe. */
  sendWeComText(input: {
    from: string;
    chatId?: string;
    text: string;
    retry?: number;
  }): Promise<WeComTextResult>;
  /** `selected`: question_key → option ids; by default the card's current selections. */
  clickWeComCard(input: {
    user: string;
    taskId: string;
    key: string;
    selected?: Record<string, string[]>;
    retry?: number;
  }): Promise<WeComClickResult>;
  addExternalContact(input: {
    user: string;
    name: string;
    externalUserId?: string;
    state?: string;
    gender?: 0 | 1 | 2;
  }): Promise<{ contact: ExternalContact; delivery: CallbackDelivery }>;
  /**
   * An admin changed the address book: the change_contact event WeCom sends the app. `id` is the
   * member's userid or the department's id. Change the sandbox org first (org.addPerson, …) so the
   * directory answers what the event announces.
   */
  emitWeComContactChange(input: {
    changeType: ContactChange;
    id: string;
  }): Promise<{ delivery: CallbackDelivery }>;
}

export type ContactChange =
  | 'create_user'
  | 'update_user'
  | 'delete_user'
  | 'create_party'
  | 'update_party'
  | 'delete_party';

export function wecomPersonActions(sb: SandboxContext): WeComPersonActions {
  const { org, wecom, messages } = sb.state;
  const target = () => ({
    url: `${sb.serverUrl()}${WECOM_CALLBACK_PATH}`,
    token: sb.wecom.token,
    encodingAesKey: sb.wecom.encodingAesKey,
    corpId: sb.wecom.corpId,
  });
  const nowSec = () => Math.floor(sb.now() / 1000);
  const agentId = Number(sb.wecom.agentId);

  const member = (userid: string): Person => {
    const person = org.personByWeCom(userid);
    if (!person) throw new Problem(404, 'sandbox-user-not-found', '企业微信沙箱中没有这位成员', userid);
    return person;
  };

  const deliver = (nodes: XmlNode[], envelopeAgentId: string, retry?: number) =>
    deliverCallback(target(), weComXml(nodes), envelopeAgentId, { now: sb.now, redeliver: retry });

  /** A passive reply goes to the person who triggered the callback, and only to them (§3.1 a). */
  const applyPassiveReply = (delivery: CallbackDelivery, user: string, cardId?: string) => {
    const reply = delivery.reply;
    if (!reply?.ok) return;
    const { MsgType, Content, Button } = reply.fields as {
      MsgType?: string;
      Content?: string;
      Button?: { ReplaceName?: string };
    };
    if (MsgType === 'text' && Content) {
      messages.add({
        platform: 'wecom',
        direction: 'out',
        chat: BOT_CHAT,
        chatName: BOT_NAME,
        from: { id: sb.wecom.agentId, name: BOT_NAME },
        viewers: [user],
        type: 'text',
        content: { content: Content },
        via: 'passive reply',
      });
    } else if (MsgType === 'update_button' && cardId && Button?.ReplaceName) {
      wecom.cards.apply(cardId, [user], { replaceName: Button.ReplaceName });
    }
  };

  return {
    async sendWeComText({ from, chatId, text, retry }) {
      const person = member(from);
      if (chatId !== undefined) {
        const chat = wecom.appchats.get(chatId);
        if (!chat) throw new Problem(404, 'sandbox-chat-not-found', '群聊不存在', chatId);
        if (!chat.members.includes(from)) throw new Problem(403, 'sandbox-not-a-member', '你不在这个群聊中');
        const message = messages.add({
          platform: 'wecom',
          direction: 'in',
          chat: chat.chatid,
          chatName: chat.name,
          from: { id: from, name: person.name },
          viewers: chat.members,
          type: 'text',
          content: { content: text },
          via: 'appchat',
          // The app receives no callback for messages members post in its group chats (§5.1).
          delivery: { callback: false, reason: 'WeCom does not call the app back for group chat messages' },
        });
        return { message };
      }
      const message = messages.add({
        platform: 'wecom',
        direction: 'in',
        chat: BOT_CHAT,
        chatName: BOT_NAME,
        from: { id: from, name: person.name },
        viewers: [from],
        type: 'text',
        content: { content: text },
        via: 'callback',
      });
      const delivery = await deliver(
        [
          ['ToUserName', sb.wecom.corpId],
          ['FromUserName', from],
          ['CreateTime', nowSec()],
          ['MsgType', 'text'],
          ['Content', text],
          ['MsgId', { raw: wecom.nextMsgId() }],
          ['AgentID', agentId],
        ],
        sb.wecom.agentId,
        retry,
      );
      message.delivery = delivery;
      applyPassiveReply(delivery, from);
      return { message, delivery };
    },

    async clickWeComCard({ user, taskId, key, selected, retry }) {
      const person = member(user);
      const copy = wecom.cards.copy(taskId, user);
      if (!copy) throw new Problem(404, 'sandbox-card-not-found', '你没有收到这张卡片', taskId);
      if (copy.disabled !== undefined) {
        throw new Problem(409, 'sandbox-card-spent', '卡片按钮已失效，无法再点击', copy.disabled);
      }
      const kind = clickKind(copy.card, key);
      if (!kind) throw new Problem(422, 'sandbox-card-no-such-key', '卡片上没有这个按钮', key);
      const responseCode = wecom.cards.issueCode(taskId);
      const selections =
        kind === 'button'
          ? currentSelections(copy.card).map((s) => ({
              ...s,
              optionIds: selected?.[s.questionKey] ?? s.optionIds,
            }))
          : [];
      messages.add({
        platform: 'wecom',
        direction: 'in',
        chat: BOT_CHAT,
        chatName: BOT_NAME,
        from: { id: user, name: person.name },
        viewers: [user],
        type: kind === 'menu' ? 'template_card_menu_event' : 'template_card_event',
        content: {
          taskId,
          key,
          selected: Object.fromEntries(selections.map((s) => [s.questionKey, s.optionIds])),
        },
        via: 'callback',
        cardId: taskId,
      });
      const nodes: XmlNode[] = [
        ['ToUserName', sb.wecom.corpId],
        ['FromUserName', user],
        ['CreateTime', nowSec()],
        ['MsgType', 'event'],
        ['Event', kind === 'menu' ? 'template_card_menu_event' : 'template_card_event'],
        ['EventKey', key],
        ['TaskId', taskId],
        ['CardType', String(copy.card.card_type)],
        ['ResponseCode', responseCode],
        ['AgentID', agentId],
      ];
      if (selections.length > 0) {
        nodes.push([
          'SelectedItems',
          selections.map(
            (s): XmlNode => [
              'SelectedItem',
              [
                ['QuestionKey', s.questionKey],
                ['OptionIds', s.optionIds.map((id): XmlNode => ['OptionId', id])],
              ],
            ],
          ),
        ]);
      }
      const delivery = await deliver(nodes, sb.wecom.agentId, retry);
      applyPassiveReply(delivery, user, taskId);
      return { responseCode, delivery, view: wecom.cards.copy(taskId, user) };
    },

    async addExternalContact({ user, name, externalUserId, state, gender }) {
      member(user);
      const { contact } = wecom.customers.addFollow({
        userid: user,
        name,
        ...(externalUserId === undefined ? {} : { externalUserId }),
        ...(gender === undefined ? {} : { gender }),
        ...(state === undefined ? {} : { state }),
        nowSec: nowSec(),
      });
      const nodes: XmlNode[] = [
        ['ToUserName', sb.wecom.corpId],
        ['FromUserName', 'sys'],
        ['CreateTime', nowSec()],
        ['MsgType', 'event'],
        ['Event', 'change_external_contact'],
        ['ChangeType', 'add_external_contact'],
        ['UserID', user],
        ['ExternalUserID', contact.external_userid],
        ...(state === undefined ? [] : ([['State', state]] as XmlNode[])),
        ['WelcomeCode', randomAlnum(43)],
      ];
      // 客户联系 events come without an AgentID (§1.4, §7).
      return { contact, delivery: await deliver(nodes, '') };
    },

    async emitWeComContactChange({ changeType, id }) {
      const wecomDeptId = (key: string | undefined) => org.departments.find((d) => d.key === key)?.wecomId;
      const details: XmlNode[] = [];
      if (changeType === 'create_user' || changeType === 'update_user') {
        const person = member(id);
        const department = wecomDeptId(person.departmentKey) ?? 1;
        details.push(
          ['Name', person.name],
          ['Department', String(department)],
          ['MainDepartment', department],
          ['Position', person.title],
          ['Status', 1],
        );
      } else if (changeType === 'create_party' || changeType === 'update_party') {
        const department = org.departments.find((d) => String(d.wecomId) === id);
        if (!department)
          throw new Problem(404, 'sandbox-department-not-found', '企业微信沙箱中没有这个部门', id);
        details.push(['Name', department.name], ['ParentId', String(wecomDeptId(department.parentKey) ?? 0)]);
      }
      const party = changeType.endsWith('_party');
      const nodes: XmlNode[] = [
        ['ToUserName', sb.wecom.corpId],
        ['FromUserName', 'sys'],
        ['CreateTime', nowSec()],
        ['MsgType', 'event'],
        ['Event', 'change_contact'],
        ['ChangeType', changeType],
        party ? ['Id', { raw: id }] : ['UserID', id],
        ...details,
      ];
      // Address book events come without an AgentID, like 客户联系 ones.
      return { delivery: await deliver(nodes, '') };
    },
  };
}
