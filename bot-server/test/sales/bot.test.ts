// 商机 <客户> and 推进 <商机> <阶段> in chat, through the sandbox: deals listed through the presenter,
// moves recorded, ambiguity answered with choices, a wrong command answered with its usage.
import { describe, expect, test } from 'vitest';
import { useTestServer } from '../support/fixture.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';

const t = useTestServer();

const lastSeq = () => sandboxOf(t.server).state.messages.list({}).at(-1)?.seq ?? 0;

/** What the bot answers 张伟 on WeCom. */
async function ask(text: string): Promise<string> {
  const after = lastSeq();
  await sandboxOf(t.server).actions.sendWeComText({ from: 'ZhangWei', text });
  const reply = await waitForOutgoing(
    t.server,
    'wecom',
    (m) => m.seq > after && m.viewers.includes('ZhangWei') && m.direction === 'out',
  );
  return textOf(reply);
}

/** An open demo deal of 张伟, alone on its customer among open deals. */
async function zhangWeisDeal() {
  const { rows } = await t.db.query<{ id: number; name: string; customer: string; stage: string }>(
    `select o.id, o.name, c.name as customer, s.name as stage from opportunity o
       join customer c on c.id = o.customer_id join app_user u on u.id = o.owner_id
       join pipeline_stage s on s.id = o.stage_id
      where u.name = '张伟' and o.status = 'open'
        and (select count(*) from opportunity x where x.customer_id = c.id and x.status = 'open') = 1
      order by o.id limit 1`,
  );
  expect(rows, 'a demo deal of 张伟').toHaveLength(1);
  return rows[0]!;
}

describe('商机 and 推进', () => {
  test('商机 <客户> lists the customer’s deals with stage and amount', async () => {
    const deal = await zhangWeisDeal();
    await t.db.query('update opportunity set amount_cents = 128000050 where id = $1', [deal.id]);
    const reply = await ask(`商机 ${deal.customer}`);
    expect(reply).toContain(`「${deal.customer}」的商机`);
    // Written as the cards and the mini-app write money: grouped yuan, the fen in two digits.
    expect(reply).toContain(`${deal.name} · ${deal.stage} · ¥1,280,000.50`);
  });

  test('推进 by the customer’s name moves its deal and records the step', async () => {
    const deal = await zhangWeisDeal();
    const to = deal.stage === '商务谈判' ? '需求确认' : '商务谈判';
    expect(await ask(`推进 ${deal.customer} ${to}`)).toBe(
      `已将「${deal.name}」（${deal.customer}）推进到「${to}」`,
    );
    const { rows } = await t.db.query(
      `select f.name as from, s.name as to from stage_change c join pipeline_stage s on s.id = c.to_stage_id
         left join pipeline_stage f on f.id = c.from_stage_id where c.opportunity_id = $1 order by c.id desc limit 1`,
      [deal.id],
    );
    expect(rows[0]).toEqual({ from: deal.stage, to });
  });

  test('a name matching several customers is answered with choices; nothing moves', async () => {
    const before = (await t.db.query('select count(*)::int as n from stage_change')).rows[0].n;
    const reply = await ask('推进 公司 商务谈判');
    expect(reply).toMatch(/^找到 \d+ (位匹配的客户|个匹配的商机)/);
    expect(reply).toContain('例如：推进 ');
    expect((await t.db.query('select count(*)::int as n from stage_change')).rows[0].n).toBe(before);
  });

  test('推进 with part of a stage name moves to the one stage it names; several are asked about', async () => {
    const deal = await zhangWeisDeal();
    const [to, part] = deal.stage === '商务谈判' ? ['需求确认', '需求'] : ['商务谈判', '谈判'];
    expect(await ask(`推进 ${deal.customer} ${part}`)).toBe(
      `已将「${deal.name}」（${deal.customer}）推进到「${to}」`,
    );
    const before = (await t.db.query('select count(*)::int as n from stage_change')).rows[0].n;
    expect(await ask(`推进 ${deal.customer} 单`)).toBe(
      '「单」可以是这些阶段：赢单、输单，请写出完整的阶段名称（用法：推进 <商机或客户名称> <阶段>）',
    );
    expect((await t.db.query('select count(*)::int as n from stage_change')).rows[0].n).toBe(before);
  });

  test('a wrong command explains how to write it', async () => {
    expect(await ask('推进 华为')).toContain('用法：推进 <商机或客户名称> <阶段>');
    expect(await ask('推进 华为 签约')).toContain(
      '没有「签约」这个阶段。可以推进到：初步接洽、需求确认、方案报价、商务谈判、赢单',
    );
    expect(await ask('商机')).toContain('用法：商机 <客户名称>');
  });
});
