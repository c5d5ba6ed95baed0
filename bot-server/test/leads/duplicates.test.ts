// The same lead twice (the same company with the same mobile): recorded once and pushed to the team
// once, whether it comes again from the bot's 新线索, the API or the web form; the second sender is
// told which lead already holds it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, startCrm } from '../api/customers-support.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';
import { leadCards, postInbound } from './support.js';

let crm: Crm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm?.stop());

const company = '北京云图数据科技';
const mobile = '13955556666';
const leadsOf = async () =>
  (
    await crm.db.query<{ id: number }>('select id from lead where company = $1 and mobile = $2', [
      company,
      mobile,
    ])
  ).rows.map((r) => r.id);
const cardCount = async () =>
  (
    await crm.db.query<{ n: number }>(
      `select count(*)::int as n from card_instance where object_type = 'lead'`,
    )
  ).rows[0]!.n;

/** What the bot answers this WeCom user. */
async function ask(from: string, text: string): Promise<string> {
  const after = sandboxOf(crm.server).state.messages.list({}).at(-1)?.seq ?? 0;
  await sandboxOf(crm.server).actions.sendWeComText({ from, text });
  const reply = await waitForOutgoing(
    crm.server,
    'wecom',
    (m) => m.seq > after && m.viewers.includes(from) && m.direction === 'out' && m.type === 'text',
  );
  return textOf(reply);
}

describe('the same company and mobile again', () => {
  let leadId: number;

  test('新线索 twice in chat: the second is flagged as already recorded, nothing new is pushed', async () => {
    const first = await ask('ZhangWei', `新线索 ${company} 王芳 ${mobile} 北京 展会`);
    expect(first).toMatch(/^已登记线索 #\d+「北京云图数据科技」，已推送到「华北销售部」等待认领。$/);
    leadId = Number(/#(\d+)/.exec(first)![1]);
    await leadCards(crm.db, leadId);
    const cards = await cardCount();

    const again = await ask('LiuYang', `新线索 ${company} 王芳 ${mobile} 北京 展会`);
    expect(again).toBe(
      `「${company}」（手机号 ${mobile}）已登记过：线索 #${leadId}，在「华北销售部」等待认领。这次没有重复登记。`,
    );
    expect(await leadsOf()).toEqual([leadId]);
    expect(await cardCount()).toBe(cards);
  });

  test('the API and the web form flag the same lead too, and record nothing', async () => {
    const lina = await crm.as('李娜');
    const api = await lina.send('POST', '/api/leads', {
      company,
      contactName: '王芳',
      mobile,
      region: '北京',
    });
    expect(api.status).toBe(409);
    expect(api.body).toMatchObject({
      type: 'urn:kelian:problem:duplicate-lead',
      title: `「${company}」（手机号 ${mobile}）已登记过：线索 #${leadId}`,
      leadId,
    });
    const form = await postInbound(crm.server, { company, contactName: '王芳', mobile, region: '北京' });
    expect(form.status).toBe(200);
    expect(form.body).toEqual({ id: leadId, duplicate: true, routedTo: '华北销售部' });
    expect(await leadsOf()).toEqual([leadId]);
  });

  test('the same company with another mobile is another lead', async () => {
    const other = await ask('ZhangWei', `新线索 ${company} 李雷 13955557777 北京`);
    expect(other).toMatch(/^已登记线索 #\d+「北京云图数据科技」/);
  });
});
