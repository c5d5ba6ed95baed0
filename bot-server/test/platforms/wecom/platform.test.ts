import type { Card } from '@kelian/cards';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardRef } from '../../../src/platforms/common.js';
import { CardNotUpdatableError } from '../../../src/platforms/common.js';
import { WeComLimitError } from '../../../src/platforms/wecom/errors.js';
import { SEND_RESPONSE_CODE, WeComPlatform } from '../../../src/platforms/wecom/platform.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { CORP, captureLogger, makeClient, SECRET } from './support.js';

let fake: FakeWeCom;
/** What the stub renderer returns: the platform must send exactly this, whatever the neutral card is. */
let rendered: Record<string, unknown>;
const card = {} as Card;

const buttonCard = (state: string) => ({
  card_type: 'button_interaction',
  main_title: { title: '新销售线索待分配', desc: state },
  task_id: 'lead-123-assign-1700000000',
  button_list: [
    { text: '认领', style: 1, key: 'lead:123:claim' },
    { text: '转派', style: 2, key: 'lead:123:reassign' },
  ],
});

function platform() {
  const { client } = makeClient(fake);
  return new WeComPlatform({ client, renderCard: () => rendered, logger: captureLogger().logger });
}

beforeEach(async () => {
  fake = await startFakeWeCom({ corpId: CORP, secret: SECRET });
  rendered = buttonCard('待认领');
});
afterEach(async () => {
  await fake.close();
});

describe('send', () => {
  it('text to users and markdown to a department', async () => {
    const wecom = platform();
    expect(
      await wecom.send({ kind: 'users', userIds: ['zhangsan', 'lisi'] }, { kind: 'text', text: '早会 9:00' }),
    ).toBe(undefined);
    await wecom.send(
      { kind: 'department', departmentId: '2' },
      { kind: 'markdown', title: '周报', markdown: '# 周报' },
    );
    expect(fake.calls('message/send').map((r) => r.body)).toEqual([
      { touser: 'zhangsan|lisi', agentid: 1000002, msgtype: 'text', text: { content: '早会 9:00' } },
      { toparty: '2', agentid: 1000002, msgtype: 'markdown', markdown: { content: '# 周报' } },
    ]);
  });

  it('text to more than 1000 members goes out in batches of 1000', async () => {
    const userIds = Array.from({ length: 1500 }, (_, i) => `u${i}`);
    await platform().send({ kind: 'users', userIds }, { kind: 'text', text: '通知' });
    const batches = fake.calls('message/send').map((r) => String(r.body?.touser).split('|'));
    expect(batches.map((b) => b.length)).toEqual([1000, 500]);
    expect(batches.flat()).toEqual(userIds);
  });

  it('a card to users returns the ref with the send response code', async () => {
    const audience = { kind: 'users' as const, userIds: ['zhangsan', 'lisi'] };
    const ref = await platform().send(audience, { kind: 'card', card });
    const [call] = fake.calls('message/send');
    expect(call?.body).toMatchObject({
      touser: 'zhangsan|lisi',
      msgtype: 'template_card',
      template_card: rendered,
    });
    expect(ref).toEqual({
      platform: 'wecom',
      cardId: 'lead-123-assign-1700000000',
      audience,
      responseCodes: { [SEND_RESPONSE_CODE]: expect.stringMatching(/^rc-/) },
      version: 1,
    });
  });

  it('a notice card without task_id is not updatable: no ref', async () => {
    rendered = {
      card_type: 'text_notice',
      main_title: { title: '日报' },
      card_action: { type: 1, url: 'https://x' },
    };
    expect(
      await platform().send({ kind: 'users', userIds: ['zhangsan'] }, { kind: 'card', card }),
    ).toBeUndefined();
    expect(fake.calls('message/send')).toHaveLength(1);
  });

  it('group chats take text and markdown through appchat, and refuse cards', async () => {
    const wecom = platform();
    const group = { kind: 'group' as const, conversationId: 'chatKelian01' };
    await wecom.send(group, { kind: 'text', text: '大家好' });
    await wecom.send(group, { kind: 'markdown', title: 't', markdown: '**重点客户**' });
    expect(fake.calls('appchat/send').map((r) => r.body)).toEqual([
      { chatid: 'chatKelian01', safe: 0, msgtype: 'text', text: { content: '大家好' } },
      { chatid: 'chatKelian01', safe: 0, msgtype: 'markdown', markdown: { content: '**重点客户**' } },
    ]);
    await expect(wecom.send(group, { kind: 'card', card })).rejects.toThrow(WeComLimitError);
    expect(fake.calls('appchat/send')).toHaveLength(2);
    expect(fake.calls('message/send')).toHaveLength(0);
  });

  it('a card breaking a limit is refused before any request', async () => {
    rendered = { ...buttonCard('x'), task_id: 'lead:123' };
    await expect(
      platform().send({ kind: 'users', userIds: ['zhangsan'] }, { kind: 'card', card }),
    ).rejects.toThrow(WeComLimitError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('updateCard', () => {
  async function sent(): Promise<CardRef> {
    const ref = await platform().send(
      { kind: 'users', userIds: ['zhangsan', 'lisi'] },
      { kind: 'card', card },
    );
    if (!ref) throw new Error('expected a card ref');
    return ref;
  }

  it('updates every copy with an unused code and returns the ref without it', async () => {
    const ref = await sent();
    const code = ref.responseCodes?.[SEND_RESPONSE_CODE];
    rendered = { ...buttonCard('已被张三认领'), task_id: 'ignored-by-update' };
    const updated = await platform().updateCard(ref, card);
    expect(fake.calls('message/update_template_card')[0]?.body).toEqual({
      userids: [],
      partyids: [],
      tagids: [],
      atall: 1,
      agentid: 1000002,
      response_code: code,
      template_card: { ...buttonCard('已被张三认领'), task_id: 'lead-123-assign-1700000000' },
    });
    expect(updated).toEqual({ ...ref, responseCodes: {}, version: 2 });
    expect(fake.responseCodes.has(code ?? '')).toBe(false);
  });

  it('uses the latest click code first and keeps the others', async () => {
    const ref = await sent();
    fake.responseCodes.add('rc-click-zhangsan');
    const withClick = { ...ref, responseCodes: { ...ref.responseCodes, zhangsan: 'rc-click-zhangsan' } };
    const updated = await platform().updateCard(withClick, card);
    expect(fake.calls('message/update_template_card')[0]?.body?.response_code).toBe('rc-click-zhangsan');
    expect(updated.responseCodes).toEqual(ref.responseCodes);
    const again = await platform().updateCard(updated, card);
    expect(again).toMatchObject({ responseCodes: {}, version: 3 });
  });

  it('skips a code WeCom refuses and spends the next one', async () => {
    const ref = await sent();
    const withStale = { ...ref, responseCodes: { ...ref.responseCodes, lisi: 'rc-expired' } };
    const updated = await platform().updateCard(withStale, card);
    expect(fake.calls('message/update_template_card').map((r) => r.body?.response_code)).toEqual([
      'rc-expired',
      ref.responseCodes?.[SEND_RESPONSE_CODE],
    ]);
    expect(updated).toMatchObject({ responseCodes: {}, version: 2 });
  });

  it('fails when every code is refused, leaving the caller’s ref as it was', async () => {
    const ref: CardRef = {
      platform: 'wecom',
      cardId: 'lead-123-assign-1700000000',
      audience: { kind: 'users', userIds: ['zhangsan'] },
      responseCodes: { [SEND_RESPONSE_CODE]: 'rc-used', zhangsan: 'rc-old' },
      version: 4,
    };
    const snapshot = structuredClone(ref);
    await expect(platform().updateCard(ref, card)).rejects.toBeInstanceOf(CardNotUpdatableError);
    expect(fake.calls('message/update_template_card')).toHaveLength(2);
    expect(ref).toEqual(snapshot);
  });

  it('a throttled update does not burn the other codes', async () => {
    const ref = await sent();
    fake.responseCodes.add('rc-click-lisi');
    const withClick = { ...ref, responseCodes: { ...ref.responseCodes, lisi: 'rc-click-lisi' } };
    fake.failNext('message/update_template_card', 45009, 45009, 45009, 45009);
    await expect(platform().updateCard(withClick, card)).rejects.toMatchObject({ errcode: 45009 });
    const tried = fake.calls('message/update_template_card').map((r) => r.body?.response_code);
    expect(new Set(tried)).toEqual(new Set(['rc-click-lisi']));
  });

  it('without unused codes the update is refused up front', async () => {
    const ref = { ...(await sent()), responseCodes: {} };
    await expect(platform().updateCard(ref, card)).rejects.toThrow(CardNotUpdatableError);
    expect(fake.calls('message/update_template_card')).toHaveLength(0);
  });
});
