// 无效 on an unclaimed lead: a team member closes it from the team's list without claiming it first
// (the card's 无效 button leads there). The answer is the closed lead, and every card says so.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, startCrm } from '../api/customers-support.js';
import { sandboxOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { leadCards } from './support.js';

let crm: Crm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm?.stop());

const leadRow = async (id: number) =>
  (await crm.db.query('select status, owner_id, invalid_reason from lead where id = $1', [id])).rows[0];

describe('closing an unclaimed lead as invalid', () => {
  test('a member of the team closes it: the answer is the closed lead, and every card shows who', async () => {
    const zhangwei = await crm.as('张伟');
    const created = await zhangwei.send('POST', '/api/leads', {
      company: '北京空号测试有限公司',
      region: '北京',
      mobile: '13811112222',
    });
    expect(created.body).toMatchObject({ status: 'new', team: { name: '华北销售部' }, owner: null });
    const id: number = created.body.id;
    const wecom = (await leadCards(crm.db, id)).find((c) => c.platform === 'wecom')!;

    const res = await zhangwei.send('POST', `/api/leads/${id}/invalid`, { reason: '空号' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      status: 'invalid',
      owner: null,
      team: { name: '华北销售部' },
      mobile: '138****2222',
      claimable: false,
    });
    expect(await leadRow(id)).toEqual({ status: 'invalid', owner_id: null, invalid_reason: '空号' });
    await waitFor(async () => {
      const views = Object.values(sandboxOf(crm.server).state.wecom.cards.views(wecom.card_id));
      return views.every((v) => JSON.stringify(v.card).includes('张伟 标记为无效：空号')) || undefined;
    });

    // Closed, it is no longer offered to anyone: not to claim, not to close twice.
    const liuyang = await crm.as('刘洋');
    expect((await liuyang.send('POST', `/api/leads/${id}/claim`)).status).toBe(404);
    expect((await zhangwei.send('POST', `/api/leads/${id}/invalid`, { reason: '再关一次' })).status).toBe(
      404,
    );
    expect(await leadRow(id)).toEqual({ status: 'invalid', owner_id: null, invalid_reason: '空号' });
  });
});
