import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { sandboxOf, waitForOutgoing } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { leadCards } from './support.js';

let crm: Crm;
let zhangwei: Session;
beforeAll(async () => {
  crm = await startCrm();
  zhangwei = await crm.as('张伟');
});
afterAll(() => crm?.stop());

async function addRule(rule: {
  name: string;
  position: number;
  sources: string[];
  team: string;
  strategy: string;
}) {
  await crm.db.query(
    `insert into assignment_rule (name, position, enabled, regions, sources, industries, team_id, strategy, created_at, updated_at)
     select $1, $2, true, '{}', $3, '{}', d.id, $5, now(), now() from department d where d.name = $4`,
    [rule.name, rule.position, rule.sources, rule.team, rule.strategy],
  );
}

const ownerOf = async (id: number) =>
  (
    await crm.db.query<{ name: string | null }>(
      'select u.name from lead l left join app_user u on u.id = l.owner_id where l.id = $1',
      [id],
    )
  ).rows[0]!.name;

describe('assignment rules', () => {
  test('round-robin hands each new lead of the team to the next member in turn', async () => {
    await addRule({
      name: '展会线索',
      position: 0,
      sources: ['展会'],
      team: '华东销售部',
      strategy: 'round_robin',
    });
    const owners: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await zhangwei.send('POST', '/api/leads', {
        company: `展会客户${i}有限公司`,
        source: '展会',
        region: '北京',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'claimed', team: { name: '华东销售部' } });
      owners.push(await ownerOf(res.body.id));
    }
    const members = (
      await crm.db.query<{ name: string }>(
        `select u.name from app_user u join department d on d.id = u.department_id where d.name = '华东销售部' order by u.id`,
      )
    ).rows.map((r) => r.name);
    expect(owners).toEqual([...members, ...members].slice(0, 5));
  });

  test('the assignee of a round-robin lead is told with a card of their own', async () => {
    const { rows } = await crm.db.query<{ id: number }>(
      `select id from lead where company = '展会客户0有限公司'`,
    );
    // Already claimed, the card has nothing to click: on WeCom it arrives as a notice to the assignee.
    const notice = await waitForOutgoing(crm.server, 'wecom', (m) =>
      JSON.stringify(m.content).includes('展会客户0有限公司'),
    );
    expect(notice.viewers).toEqual(['ZhaoMin']);
    const [card] = await leadCards(crm.db, rows[0]!.id, 1);
    const group = Object.keys(sandboxOf(crm.server).state.dingtalk.cards.views(card!.card_id));
    expect(group).toEqual(['0100201']);
  });

  test('least-loaded gives the lead to the member with the fewest claimed leads', async () => {
    await addRule({
      name: '转介绍',
      position: 0,
      sources: ['转介绍'],
      team: '华南销售部',
      strategy: 'least_loaded',
    });
    const busy = await crm.db.query<{ id: number; name: string }>(
      `select u.id, u.name from app_user u join department d on d.id = u.department_id where d.name = '华南销售部' order by u.id`,
    );
    // Everybody but the last member already works two leads.
    for (const member of busy.rows.slice(0, -1))
      for (let i = 0; i < 2; i++)
        await crm.db.query(
          `insert into lead (company, status, owner_id, source, created_at, updated_at) values ($1, 'claimed', $2, '老客户', now(), now())`,
          [`忙碌${member.id}-${i}`, member.id],
        );
    const res = await zhangwei.send('POST', '/api/leads', {
      company: '转介绍科技有限公司',
      source: '转介绍',
    });
    expect(res.status).toBe(201);
    expect(await ownerOf(res.body.id)).toBe(busy.rows.at(-1)!.name);
  });

  test('two least-loaded leads created at once go to two members, not both to the least loaded', async () => {
    const members = await crm.db.query<{ name: string }>(
      `select u.name from app_user u join department d on d.id = u.department_id where d.name = '华南销售部' order by u.id`,
    );
    // Now every member works two leads but the last, with one: the first lead goes to the last
    // member, the second (seeing that lead) to the earliest.
    const created = await Promise.all(
      ['同时转介绍甲有限公司', '同时转介绍乙有限公司'].map((company) =>
        zhangwei.send('POST', '/api/leads', { company, source: '转介绍' }),
      ),
    );
    const owners = await Promise.all(created.map((res) => ownerOf(res.body.id)));
    expect(owners.sort()).toEqual([members.rows[0]!.name, members.rows.at(-1)!.name].sort());
  });

  test('a lead no rule matches goes to the pool, visible and claimable by any rep, mobile masked until claimed', async () => {
    const res = await zhangwei.send('POST', '/api/leads', {
      company: '乌鲁木齐天山贸易',
      region: '新疆',
      mobile: '13700001234',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      team: null,
      owner: null,
      status: 'new',
      mobile: '137****1234',
      claimable: true,
    });
    const sunhao = await crm.as('孙浩');
    const pool = await sunhao.get('/api/leads?view=pool');
    expect(pool.body.items.map((l: { id: number }) => l.id)).toContain(res.body.id);
    const claimed = await sunhao.send('POST', `/api/leads/${res.body.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', owner: { name: '孙浩' }, mobile: '13700001234' });
    const late = await zhangwei.send('POST', `/api/leads/${res.body.id}/claim`);
    expect(late.status).toBe(404);
  });
});

describe('a rep cannot reach another team’s or another rep’s lead', () => {
  test('an unclaimed 华北 lead: 孙浩 (华东) cannot read, claim, edit or close it; nothing changes', async () => {
    const res = await zhangwei.send('POST', '/api/leads', {
      company: '天津港湾物流有限公司',
      region: '天津',
      mobile: '13600001234',
    });
    const id = res.body.id;
    const before = (await crm.db.query('select * from lead where id = $1', [id])).rows;
    const sunhao = await crm.as('孙浩');
    for (const [method, path, body] of [
      ['GET', `/api/leads/${id}`],
      ['POST', `/api/leads/${id}/claim`],
      ['PATCH', `/api/leads/${id}`, { company: '改名了' }],
      ['POST', `/api/leads/${id}/invalid`, { reason: '抢不到就作废' }],
    ] as const) {
      const answer = await sunhao.send(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    expect(
      (await sunhao.get('/api/leads?view=all')).body.items.map((l: { id: number }) => l.id),
    ).not.toContain(id);
    expect((await crm.db.query('select * from lead where id = $1', [id])).rows).toEqual(before);
  });

  test('a service agent, who sees every customer, neither sees nor claims leads, pool included', async () => {
    const res = await zhangwei.send('POST', '/api/leads', { company: '无人认领科技有限公司' });
    expect(res.body).toMatchObject({ status: 'new', team: null });
    const guoxue = await crm.as('郭雪');
    expect((await guoxue.get('/api/me')).body.roles).toEqual([
      expect.objectContaining({ code: 'service', scope: 'all' }),
    ]);
    expect((await guoxue.get(`/api/leads/${res.body.id}`)).status).toBe(404);
    expect((await guoxue.send('POST', `/api/leads/${res.body.id}/claim`)).status).toBe(404);
    expect((await guoxue.get('/api/leads?view=pool')).body.items).toEqual([]);
    expect(
      (await crm.db.query('select status, owner_id from lead where id = $1', [res.body.id])).rows,
    ).toEqual([{ status: 'new', owner_id: null }]);
    expect((await guoxue.get('/api/customers?limit=1')).body.items).toHaveLength(1);
  });

  test('a lead claimed by 刘洋 is his: 张伟 (same team) can no longer see it; their manager 李娜 can', async () => {
    const res = await zhangwei.send('POST', '/api/leads', {
      company: '河北燕赵钢铁有限公司',
      region: '河北',
    });
    const liuyang = await crm.as('刘洋');
    expect((await liuyang.send('POST', `/api/leads/${res.body.id}/claim`)).status).toBe(200);
    expect((await zhangwei.get(`/api/leads/${res.body.id}`)).status).toBe(404);
    expect((await zhangwei.send('POST', `/api/leads/${res.body.id}/release`)).status).toBe(404);
    const lina = await crm.as('李娜');
    expect((await lina.get(`/api/leads/${res.body.id}`)).body).toMatchObject({ owner: { name: '刘洋' } });
  });
});

describe('idle leads go back to the pool', () => {
  test('a claimed lead untouched longer than its rule allows returns to its team with a fresh card', async () => {
    const res = await zhangwei.send('POST', '/api/leads', {
      company: '北京久置科技有限公司',
      region: '北京',
    });
    const id = res.body.id;
    // 张伟 claims from the team's card once it is in the chats (both copies recorded).
    await waitFor(async () => {
      const { rows } = await crm.db.query(
        `select count(*)::int as n from card_instance where object_type = 'lead' and object_id = $1`,
        [String(id)],
      );
      return rows[0].n === 2 ? true : undefined;
    });
    expect((await zhangwei.send('POST', `/api/leads/${id}/claim`)).status).toBe(200);
    const openCards = async (after = 0) =>
      (
        await crm.db.query<{ platform: string }>(
          `select platform from card_instance where object_type = 'lead' and object_id = $1
            and replaced_by is null and card::text like '%待认领%' and id > $2 order by platform`,
          [String(id), after],
        )
      ).rows.map((r) => r.platform);
    // Once the claim has reached every card, none of them offers the lead any more.
    await waitFor(async () => ((await openCards()).length === 0 ? true : undefined));
    const [{ last }] = (await crm.db.query(`select coalesce(max(id), 0) as last from card_instance`)).rows;
    await crm.db.query(`update lead set last_activity_at = now() - interval '8 days' where id = $1`, [id]);
    await crm.server.jobs.queue.send('leads.recycle', {});
    await waitFor(async () => {
      const { rows } = await crm.db.query('select status, owner_id from lead where id = $1', [id]);
      return rows[0].status === 'new' ? rows : undefined;
    });
    expect((await crm.db.query('select owner_id from lead where id = $1', [id])).rows).toEqual([
      { owner_id: null },
    ]);
    // The team gets a fresh card on each platform (the old copies also show it open again, once
    // their refresh has run: only the cards sent after the recycle are counted).
    const fresh = await waitFor(async () => {
      const platforms = await openCards(last);
      return platforms.length === 2 ? platforms : undefined;
    });
    expect(fresh).toEqual(['dingtalk', 'wecom']);
    // A second run finds nothing more to do.
    await crm.server.jobs.queue.send('leads.recycle', {});
    expect((await crm.db.query('select status from lead where id = $1', [id])).rows).toEqual([
      { status: 'new' },
    ]);
  });
});
