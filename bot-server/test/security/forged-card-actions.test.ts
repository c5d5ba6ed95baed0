// Cards under attack: a rep of another team forges the 认领 click of a lead card (a correctly sealed
// WeCom callback carrying the card's action key) and gets nothing; and a card posted to a group is
// rendered for its least-privileged member, so a phone stays masked though a manager is there.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { leadCards, postInbound } from '../leads/support.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { cardClickXml, postCallback, sealedCallback } from '../support/wecom-callback.js';

let crm: Crm;
let liNa: Session;
let leadId: number;
const mobile = '13722223333';

beforeAll(async () => {
  crm = await startCrm();
  liNa = await crm.as('李娜');
  const res = await postInbound(crm.server, {
    company: '北京卫星测绘有限公司',
    contactName: '冯涛',
    mobile,
    region: '北京',
    externalId: 'security-1',
  });
  expect(res.body).toMatchObject({ routedTo: '华北销售部' });
  leadId = res.body.id;
});
afterAll(() => crm.stop());

const leadRow = async () =>
  (await crm.db.query('select status, owner_id, claimed_at, updated_at from lead where id = $1', [leadId]))
    .rows[0];
const auditCount = async () =>
  (
    await crm.db.query(
      `select count(*)::int as n from audit_log where object_type = 'lead' and object_id = $1`,
      [String(leadId)],
    )
  ).rows[0].n;

describe('a lead card of 华北销售部', () => {
  test('a forged 认领 by a rep of another team is refused and changes nothing', async () => {
    const wecom = (await leadCards(crm.db, leadId)).find((c) => c.platform === 'wecom')!;
    const { state } = sandboxOf(crm.server);
    expect(Object.keys(state.wecom.cards.views(wecom.card_id))).not.toContain('SunHao');
    const before = { lead: await leadRow(), audit: await auditCount() };
    const after = state.messages.list({}).at(-1)?.seq ?? 0;

    const res = await postCallback(
      sealedCallback(crm.server.url, cardClickXml('SunHao', wecom.card_id, `lead.claim:${leadId}`)),
    );
    expect(res.status).toBe(200);
    const told = await waitForOutgoing(
      crm.server,
      'wecom',
      (m) => m.seq > after && m.direction === 'out' && m.viewers.includes('SunHao'),
    );
    expect(textOf(told)).toBe('这条线索分配给了华北销售部，只有该团队成员可以认领。');
    expect({ lead: await leadRow(), audit: await auditCount() }).toEqual(before);
    expect(before.lead).toMatchObject({ status: 'new', owner_id: null, claimed_at: null });
    for (const copy of Object.values(state.wecom.cards.views(wecom.card_id)))
      expect(JSON.stringify(copy.card)).toContain('待认领');
  });

  test('the group card keeps the phone masked although a manager, who may now see it, is in the group', async () => {
    const cards = await leadCards(crm.db, leadId);
    const dingtalk = cards.find((c) => c.platform === 'dingtalk')!;
    const wecom = cards.find((c) => c.platform === 'wecom')!;
    const { state, actions } = sandboxOf(crm.server);
    const group = state.org.groups.find((g) => g.name === '华北销售部群')!;
    expect(group.members.map((m) => m.name)).toContain('李娜');

    // 刘洋 of the team claims it: from now on his manager sees the number in the app…
    await actions.clickDingTalkCard({
      user: '0100103',
      outTrackId: dingtalk.card_id,
      action: `lead.claim:${leadId}`,
    });
    await waitFor(async () => {
      const views = Object.values(state.dingtalk.cards.views(dingtalk.card_id));
      return views.every((v) => JSON.stringify(v.params).includes('已被 刘洋 认领')) ? true : undefined;
    });
    expect((await liNa.get(`/api/leads/${leadId}`)).body.mobile).toBe(mobile);

    // …but the card the whole group sees is rendered for its least-privileged member: still masked.
    const shown = [
      ...Object.values(state.dingtalk.cards.views(dingtalk.card_id)).map((v) => JSON.stringify(v.params)),
      JSON.stringify(state.wecom.cards.views(wecom.card_id).LiNa!.card),
    ];
    expect(shown.length).toBe(group.members.length + 1);
    for (const card of shown) {
      expect(card).toContain('137****3333');
      expect(card).not.toContain(mobile);
    }
  });
});
