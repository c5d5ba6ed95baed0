import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WeComMalformedError } from '../../../src/platforms/wecom/errors.js';
import { parseWeComEvent } from '../../../src/platforms/wecom/events.js';
import * as fx from './fixtures.js';

const receivedAt = new Date('2026-01-01T00:00:00Z');
const parse = (xml: string) => parseWeComEvent(xml, receivedAt);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('messages', () => {
  it('a text message in the direct chat', () => {
    const event = parse(fx.TEXT);
    expect(event).toMatchObject({
      platform: 'wecom',
      kind: 'text',
      from: 'UserID',
      conversation: { type: 'direct' },
      text: 'this is a test',
      msgId: '1234567890123456',
      occurredAt: new Date(1348831860 * 1000),
      dedupeKey: sha256(fx.TEXT),
    });
    expect(event.raw).toMatchObject({ MsgType: 'text', AgentID: '1', MsgId: '1234567890123456' });
  });

  it('an opaque string MsgId and an empty AgentID', () => {
    expect(parse(fx.TEXT_STRING_MSGID)).toMatchObject({
      kind: 'text',
      text: '帮助',
      msgId: 'CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==',
      raw: { AgentID: '' },
    });
  });

  it('a text message that names a group chat', () => {
    expect(parse(fx.TEXT_IN_GROUP)).toMatchObject({
      kind: 'text',
      from: 'lisi',
      conversation: { type: 'group', id: 'wrkSFfCgAAxxxx' },
      msgId: '7000000000000000001',
    });
  });

  it('other message types are unknown, not errors', () => {
    expect(parse(fx.IMAGE)).toMatchObject({ kind: 'unknown', type: 'image', raw: { MediaId: 'media_id' } });
  });
});

describe('app events', () => {
  it('enter_agent', () => {
    expect(parse(fx.ENTER_AGENT)).toMatchObject({ kind: 'enter_app', from: 'FromUser' });
  });

  it('menu click', () => {
    expect(parse(fx.MENU_CLICK)).toMatchObject({
      kind: 'menu_click',
      from: 'FromUser',
      key: 'MENU_MY_LEADS',
    });
  });

  it('a view menu is unknown', () => {
    expect(parse(fx.MENU_VIEW)).toMatchObject({ kind: 'unknown', type: 'view' });
  });
});

describe('template card events', () => {
  it('the official template_card_event sample', () => {
    const event = parse(fx.TEMPLATE_CARD_EVENT);
    expect(event).toEqual({
      platform: 'wecom',
      kind: 'card_action',
      from: 'FromUser',
      cardId: 'taskid111',
      actionKey: 'key111',
      responseCode: 'ResponseCode',
      selected: { QuestionKey1: ['OptionId1', 'OptionId2'] },
      occurredAt: new Date(123456789 * 1000),
      dedupeKey: sha256(fx.TEMPLATE_CARD_EVENT),
      raw: expect.objectContaining({ CardType: 'text_notice', TaskId: 'taskid111' }),
    });
  });

  it('a vote with several questions, one of them with a single option', () => {
    expect(parse(fx.VOTE_EVENT)).toMatchObject({
      kind: 'card_action',
      from: 'wangwu',
      cardId: 'survey-9-1700000000',
      actionKey: 'survey:9:submit',
      responseCode: 'rc-vote',
      selected: { channels: ['web', 'expo'], priority: ['p1'] },
    });
  });

  it('template_card_menu_event', () => {
    const event = parse(fx.TEMPLATE_CARD_MENU_EVENT);
    expect(event).toMatchObject({
      kind: 'card_action',
      from: 'zhangsan',
      cardId: 'lead-123-assign-1700000000',
      actionKey: 'mute',
      responseCode: 'rc-menu',
    });
    expect(event).not.toHaveProperty('selected');
  });
});

describe('external contacts', () => {
  it('add_external_contact with State and WelcomeCode', () => {
    expect(parse(fx.ADD_EXTERNAL_CONTACT)).toMatchObject({
      kind: 'external_contact',
      change: 'add',
      userId: 'zhangsan',
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mAAAA',
      state: 'teststate',
      welcomeCode: 'WELCOMECODE',
      occurredAt: new Date(1403610513 * 1000),
    });
  });

  it.each([
    ['edit', fx.EDIT_EXTERNAL_CONTACT],
    ['delete', fx.DEL_EXTERNAL_CONTACT],
    ['del_follow_user', fx.DEL_FOLLOW_USER],
  ])('change %s', (change, xml) => {
    const event = parse(xml);
    expect(event).toMatchObject({ kind: 'external_contact', change, userId: 'zhangsan' });
    expect(event).not.toHaveProperty('state');
  });

  it('the transfer source stays in raw', () => {
    expect(parse(fx.DEL_EXTERNAL_CONTACT).raw).toMatchObject({ Source: 'DELETE_BY_TRANSFER' });
  });

  it('add_half_external_contact is unknown; change_external_tag keeps its string tag Id', () => {
    expect(parse(fx.ADD_HALF_EXTERNAL_CONTACT)).toMatchObject({
      kind: 'unknown',
      type: 'change_external_contact:add_half_external_contact',
    });
    expect(parse(fx.CHANGE_EXTERNAL_TAG)).toMatchObject({
      kind: 'external_tags',
      change: 'create',
      id: 'etXXXXXXXXXX',
      tagType: 'tag',
    });
  });
});

describe('organisation changes', () => {
  it.each([
    ['create_user', 'user', 'create', 'zhangsan'],
    ['update_user', 'user', 'update', 'zhangsan'],
    ['delete_user', 'user', 'delete', 'zhangsan'],
    ['create_party', 'department', 'create', '2'],
    ['update_party', 'department', 'update', '2'],
    ['delete_party', 'department', 'delete', '2'],
  ] as const)('%s', (changeType, entity, change, id) => {
    expect(parse(fx.CONTACT_CHANGES[changeType])).toMatchObject({ kind: 'org_change', entity, change, id });
  });

  it('a renamed user keeps NewUserID in raw', () => {
    expect(parse(fx.CONTACT_CHANGES.update_user).raw).toMatchObject({ NewUserID: 'zhangsan2' });
  });

  it('tag changes are unknown', () => {
    expect(parse(fx.CONTACT_CHANGES.update_tag)).toMatchObject({
      kind: 'unknown',
      type: 'change_contact:update_tag',
    });
  });
});

describe('approvals', () => {
  it('sys_approval_change with an SpNo beyond 2^53 kept exact', () => {
    const event = parse(fx.SYS_APPROVAL_CHANGE);
    expect(event).toMatchObject({ kind: 'approval_change', approvalId: '201910220035000001' });
    expect(event.raw).toMatchObject({ ApprovalInfo: { SpStatus: '1', StatuChangeEvent: '1' } });
  });

  it('prefers SpNoStr when present', () => {
    const xml = fx.SYS_APPROVAL_CHANGE.replace(
      '<ApprovalInfo>',
      '<ApprovalInfo><SpNoStr><![CDATA[SP-2026-1]]></SpNoStr>',
    );
    expect(parse(xml)).toMatchObject({ kind: 'approval_change', approvalId: 'SP-2026-1' });
  });

  it('open_approval_change is unknown', () => {
    expect(parse(fx.OPEN_APPROVAL_CHANGE)).toMatchObject({ kind: 'unknown', type: 'open_approval_change' });
  });
});

describe('robustness', () => {
  it('never throws for unknown or incomplete events', () => {
    const odd = [
      '<xml><MsgType>event</MsgType><Event>brand_new_event</Event></xml>',
      '<xml><MsgType>event</MsgType><Event>template_card_event</Event><EventKey>k</EventKey></xml>',
      '<xml><MsgType>event</MsgType><Event>change_external_contact</Event><ChangeType>add_external_contact</ChangeType></xml>',
      '<xml><MsgType>event</MsgType><Event>sys_approval_change</Event></xml>',
      '<xml><Foo>bar</Foo></xml>',
    ];
    for (const xml of odd) expect(parse(xml).kind).toBe('unknown');
  });

  it('falls back to the receive time when CreateTime is missing', () => {
    expect(parse('<xml><MsgType>event</MsgType><Event>x</Event></xml>').occurredAt).toEqual(receivedAt);
  });

  it('the same plaintext gives the same dedupe key; a different one another', () => {
    expect(parse(fx.TEXT).dedupeKey).toBe(parse(fx.TEXT).dedupeKey);
    expect(parse(fx.TEXT).dedupeKey).not.toBe(parse(fx.TEXT.replace('this is a test', 'other')).dedupeKey);
  });

  it('a question key named __proto__ stays plain data', () => {
    const xml = fx.VOTE_EVENT.replace('<![CDATA[priority]]>', '<![CDATA[__proto__]]>');
    const event = parse(xml);
    expect(event.kind === 'card_action' && Object.hasOwn(event.selected ?? {}, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(event.kind === 'card_action' ? event.selected : null)).toBe(
      Object.prototype,
    );
  });

  it('broken decrypted XML is malformed', () => {
    expect(() => parse('<xml><MsgType>text')).toThrow(WeComMalformedError);
  });
});
