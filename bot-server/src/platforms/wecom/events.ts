// Decrypted WeCom XML → the neutral ChatEvent (reference §3, §7, §8). Never throws on content it
// does not know: such payloads become `unknown` events, stored and acknowledged.
import { createHash } from 'node:crypto';
import type { ChatEvent, Conversation, ExternalContactEvent, OrgChangeEvent } from '../common.js';
import { isXmlObject, parseXml, type XmlObject } from './xml.js';

const EXTERNAL_CONTACT_CHANGES: Record<string, ExternalContactEvent['change']> = {
  add_external_contact: 'add',
  edit_external_contact: 'edit',
  del_external_contact: 'delete',
  del_follow_user: 'del_follow_user',
};

const CONTACT_CHANGES: Record<string, Pick<OrgChangeEvent, 'entity' | 'change'>> = {
  create_user: { entity: 'user', change: 'create' },
  update_user: { entity: 'user', change: 'update' },
  delete_user: { entity: 'user', change: 'delete' },
  create_party: { entity: 'department', change: 'create' },
  update_party: { entity: 'department', change: 'update' },
  delete_party: { entity: 'department', change: 'delete' },
};

/**
 * Parses the decrypted plaintext of a callback and maps it to a ChatEvent. `receivedAt` stands in
 * for a missing or unreadable CreateTime.
 */
export function parseWeComEvent(plaintext: string, receivedAt: Date): ChatEvent {
  return toChatEvent(parseXml(plaintext), plaintext, receivedAt);
}

function toChatEvent(raw: XmlObject, plaintext: string, receivedAt: Date): ChatEvent {
  const base = {
    platform: 'wecom' as const,
    // WeCom retries carry the same plaintext; MsgId is missing on events and FromUserName+CreateTime
    // collides for batch approvals and bursts of new contacts (reference §2, §11.2).
    dedupeKey: createHash('sha256').update(plaintext, 'utf8').digest('hex'),
    occurredAt: occurredAt(text(raw, 'CreateTime'), receivedAt),
    raw,
  };
  const from = text(raw, 'FromUserName') ?? '';
  const msgType = text(raw, 'MsgType') ?? '';
  if (msgType !== 'event') {
    const content = text(raw, 'Content');
    if (msgType === 'text' && content !== undefined) {
      return {
        ...base,
        kind: 'text',
        from,
        conversation: conversationOf(raw),
        text: content,
        msgId: text(raw, 'MsgId') ?? '',
      };
    }
    return { ...base, kind: 'unknown', type: msgType || 'unknown' };
  }

  const event = text(raw, 'Event') ?? '';
  const changeType = text(raw, 'ChangeType') ?? '';
  const unknown = { ...base, kind: 'unknown' as const, type: changeType ? `${event}:${changeType}` : event };
  switch (event) {
    case 'enter_agent':
      return { ...base, kind: 'enter_app', from };
    case 'click': {
      const key = text(raw, 'EventKey');
      return key ? { ...base, kind: 'menu_click', from, key } : unknown;
    }
    case 'template_card_event':
    case 'template_card_menu_event': {
      const cardId = text(raw, 'TaskId');
      const actionKey = text(raw, 'EventKey');
      if (!cardId || !actionKey) return unknown;
      const responseCode = text(raw, 'ResponseCode');
      const selected = selectedItems(raw.SelectedItems);
      const chatId = text(raw, 'ChatId');
      return {
        ...base,
        kind: 'card_action',
        from,
        cardId,
        actionKey,
        ...(chatId ? { conversation: conversationOf(raw) } : {}),
        ...(responseCode ? { responseCode } : {}),
        ...(selected ? { selected } : {}),
      };
    }
    case 'change_external_contact': {
      const change = EXTERNAL_CONTACT_CHANGES[changeType];
      const userId = text(raw, 'UserID');
      const externalUserId = text(raw, 'ExternalUserID');
      if (!change || !userId || !externalUserId) return unknown;
      const state = text(raw, 'State');
      const welcomeCode = text(raw, 'WelcomeCode');
      return {
        ...base,
        kind: 'external_contact',
        change,
        userId,
        externalUserId,
        ...(state ? { state } : {}),
        ...(welcomeCode ? { welcomeCode } : {}),
      };
    }
    case 'change_external_tag': {
      // Id is a string (WxJava#2095); TagType says whether a tag or a whole group changed.
      const change = (['create', 'update', 'delete', 'shuffle'] as const).find((c) => c === changeType);
      const id = text(raw, 'Id');
      const tagType = text(raw, 'TagType') === 'tag_group' ? 'tag_group' : 'tag';
      return change ? { ...base, kind: 'external_tags', change, id: id ?? '', tagType } : unknown;
    }
    case 'change_contact': {
      const mapped = CONTACT_CHANGES[changeType];
      // Users are named by UserID (update_user may add NewUserID, kept in raw), departments by Id.
      const id = mapped && text(raw, mapped.entity === 'user' ? 'UserID' : 'Id');
      return mapped && id ? { ...base, kind: 'org_change', ...mapped, id } : unknown;
    }
    case 'sys_approval_change': {
      const info = isXmlObject(raw.ApprovalInfo) ? raw.ApprovalInfo : {};
      // Newer payloads add SpNoStr next to the numeric SpNo (reference §8).
      const approvalId = text(info, 'SpNoStr') || text(info, 'SpNo');
      return approvalId ? { ...base, kind: 'approval_change', approvalId } : unknown;
    }
    default:
      return unknown;
  }
}

/** A leaf value as the string WeCom sent; undefined when absent or not a leaf. */
function text(node: XmlObject, name: string): string | undefined {
  const value = node[name];
  return typeof value === 'string' ? value : undefined;
}

function occurredAt(createTime: string | undefined, receivedAt: Date): Date {
  return createTime !== undefined && /^\d+$/.test(createTime)
    ? new Date(Number(createTime) * 1000)
    : receivedAt;
}

/** A group chat where the payload names one (ChatId of an app or robot group chat), else the direct chat. */
function conversationOf(raw: XmlObject): Conversation {
  const chatId = text(raw, 'ChatId');
  return chatId && text(raw, 'ChatType') !== 'single' ? { type: 'group', id: chatId } : { type: 'direct' };
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** SelectedItems (button_selection, checkbox votes, select_list) → option ids per question key. */
function selectedItems(node: unknown): Record<string, string[]> | undefined {
  if (!isXmlObject(node)) return undefined;
  const entries: [string, string[]][] = [];
  for (const item of asArray(node.SelectedItem)) {
    if (!isXmlObject(item)) continue;
    const questionKey = text(item, 'QuestionKey');
    if (!questionKey) continue;
    const optionIds = isXmlObject(item.OptionIds) ? asArray(item.OptionIds.OptionId) : [];
    entries.push([questionKey, optionIds.filter((id): id is string => typeof id === 'string')]);
  }
  // fromEntries defines own properties, so a question key such as "__proto__" stays plain data.
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
