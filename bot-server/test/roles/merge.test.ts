// One person, two users (issue 19): 宋佳 joins the demo company's 财务部 on both platforms, but the
// WeCom app reads no mobiles (apps created since 2022), so the org sync cannot match her WeCom and
// DingTalk accounts and makes two users. The administrator sees the pair suggested, previews what a
// merge moves, and merges her DingTalk user into her WeCom one: the kept user then holds both
// identities and everything the other owned or did; the other is marked merged; syncs afterwards
// neither split her again nor revive the merged user; cards reach her on both platforms. Non-admins
// and impossible merges are refused with stable codes and Chinese titles, changing nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { settleJobs } from '../support/jobs.js';
import { cardsOf, sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';
import { songJiaJoins, syncBothPlatforms as syncBoth } from '../support/unmatched-person.js';
import { waitFor } from '../support/wait.js';

let crm: Crm;
let admin: Session;
/** 宋佳's WeCom user (kept) and DingTalk user (merged into it). */
let kept: number;
let other: number;
let zhangWei: number;
/** A session 宋佳 signed in with on her DingTalk user, before the merge. */
let otherToken: string;

const problem = (type: string) => `urn:kelian:problem:${type}`;

const syncBothPlatforms = () => syncBoth(crm.server, crm.db);

const songJias = async () =>
  (
    await crm.db.query<{
      id: number;
      mobile: string | null;
      wecom_user_id: string | null;
      dingtalk_user_id: string | null;
      active: boolean;
      merged_into_id: number | null;
    }>(
      `select id, mobile, wecom_user_id, dingtalk_user_id, active, merged_into_id
         from app_user where name = '宋佳' order by id`,
    )
  ).rows;

/** Everything a refused merge must leave as it was. */
const world = async () => ({
  users: (await crm.db.query('select * from app_user order by id')).rows,
  roles: (await crm.db.query('select * from role_assignment order by id')).rows,
  owners: (await crm.db.query('select id, owner_id from customer order by id')).rows,
  audit: (await crm.db.query('select count(*)::int as n from audit_log')).rows[0],
});

const signInAs = async (userId: number) => {
  const res = await crm.api('/api/auth/sandbox', { body: { userId } });
  expect(res.status).toBe(200);
  return res.body.token as string;
};

beforeAll(async () => {
  crm = await startCrm();
  admin = await crm.as('徐明');
  zhangWei = await crm.userId('张伟');
  await songJiaJoins(crm.server, crm.db);
});
afterAll(() => crm.stop());

describe('before the merge', () => {
  test('the org sync makes two users of her, and the administrator is offered the pair', async () => {
    const [wecom, dingtalk, ...more] = await songJias();
    expect(more).toEqual([]);
    expect(wecom).toMatchObject({ wecom_user_id: 'SongJia', dingtalk_user_id: null, mobile: null });
    expect(dingtalk).toMatchObject({
      wecom_user_id: null,
      dingtalk_user_id: '0100603',
      mobile: '13800100603',
    });
    kept = wecom!.id;
    other = dingtalk!.id;

    const res = await admin.get('/api/admin/users/merge-suggestions');
    expect(res.status).toBe(200);
    // Everyone else of the demo company is one user on both platforms: hers is the only pair.
    expect(res.body.items).toEqual([
      {
        wecom: expect.objectContaining({
          id: kept,
          name: '宋佳',
          identities: { wecom: 'SongJia', dingtalk: null },
        }),
        dingtalk: expect.objectContaining({
          id: other,
          name: '宋佳',
          identities: { wecom: null, dingtalk: '0100603' },
          mergedIntoId: null,
        }),
      },
    ]);
  });

  test('her DingTalk user works for a while: roles, a customer of her own, leads, deals, tasks, targets', async () => {
    const roleId = async (code: string) =>
      (await crm.db.query<{ id: number }>('select id from role where code = $1', [code])).rows[0]!.id;
    const give = async (user: number, code: string, scope: string) =>
      expect(
        (await admin.send('PUT', `/api/admin/users/${user}/roles/${await roleId(code)}`, { scope })).status,
      ).toBe(200);
    // Both hold 销售, the DingTalk user more widely; 财务 only the DingTalk user.
    await give(kept, 'sales', 'self');
    await give(other, 'sales', 'department');
    await give(other, 'finance', 'all');

    otherToken = await signInAs(other);
    const created = await crm.api('/api/customers', {
      token: otherToken,
      body: { kind: 'company', name: '宋佳自己的客户有限公司' },
    });
    expect(created.status).toBe(201);
    const followUp = await crm.api(`/api/customers/${created.body.id}/follow-ups`, {
      token: otherToken,
      body: { kind: 'call', content: '电话确认了开票信息' },
    });
    expect(followUp.status, JSON.stringify(followUp.body)).toBe(201);
    for (const title of ['核对十一月回款', '寄送发票'])
      expect(
        (
          await crm.api('/api/tasks', {
            token: otherToken,
            body: { title, dueAt: '2026-12-20T09:00:00+08:00' },
          })
        ).status,
      ).toBe(201);

    const q = (sql: string, params: unknown[] = []) => crm.db.query(sql, params);
    // Two leads in the pool (no rule matches 海南), then hers.
    for (const company of ['海口椰风贸易有限公司', '三亚蓝湾酒店管理有限公司'])
      expect((await admin.send('POST', '/api/leads', { company, region: '海南' })).status).toBe(201);
    await q(
      `update customer set owner_id = $1 where id in (select id from customer where owner_id is not null
         and deleted_at is null and name <> '宋佳自己的客户有限公司' order by id limit 2)`,
      [other],
    );
    await q(`update lead set owner_id = $1, status = 'claimed', claimed_at = now() where region = '海南'`, [
      other,
    ]);
    await q('update opportunity set owner_id = $1 where id = (select min(id) from opportunity)', [other]);
    // A collaboration on a customer she will own anyway, and one on someone else's.
    await q(
      `insert into customer_collaborator (customer_id, user_id)
         select id, $1 from customer where owner_id = $1 order by id limit 1`,
      [other],
    );
    await q(
      `insert into customer_collaborator (customer_id, user_id)
         select id, $1 from customer where owner_id = $2 order by id limit 1`,
      [other, zhangWei],
    );
    // Targets: 2026-11 on both users (the kept one's stays), 2026-12 only on the DingTalk one.
    await q(
      `insert into sales_target (user_id, month, amount_cents, created_at, updated_at)
         values ($1, '2026-11', 100000, now(), now()), ($2, '2026-11', 999900, now(), now()),
                ($2, '2026-12', 500000, now(), now())`,
      [kept, other],
    );
  });
});

describe('who may merge', () => {
  test('nobody but an administrator: a manager and a rep are refused every route, and nothing changes', async () => {
    const before = await world();
    for (const name of ['李娜', '张伟']) {
      const session = await crm.as(name);
      for (const [method, path, body] of [
        ['GET', '/api/admin/users/merge-suggestions'],
        ['GET', `/api/admin/users/${kept}/merge-preview?otherId=${other}`],
        ['POST', `/api/admin/users/${kept}/merge`, { otherId: other }],
      ] as const) {
        const res = await session.send(method, path, body);
        expect(res.status, `${name} ${method} ${path}`).toBe(403);
        expect(res.body).toMatchObject({ type: problem('forbidden'), title: '只有管理员可以合并成员账号' });
      }
    }
    expect(await world()).toEqual(before);
  });
});

describe('merges that cannot be one person', () => {
  test('itself, two WeCom users, two DingTalk users, someone missing, a malformed request: refused, nothing changes', async () => {
    const before = await world();
    const refused = async (keep: number, body: unknown, status: number, type: string, title?: string) => {
      const res = await admin.send('POST', `/api/admin/users/${keep}/merge`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.type).toBe(problem(type));
      if (title) expect(res.body.title).toBe(title);
      return res;
    };
    await refused(
      kept,
      { otherId: kept },
      400,
      'merge-self',
      '不能把一个账号合并到它自己，请选择此人在另一个平台上的账号',
    );
    await refused(
      kept,
      { otherId: zhangWei },
      400,
      'merge-same-platform',
      '「宋佳」和「张伟」都绑定了企业微信账号，不是同一个人在两个平台上的账号，不能合并',
    );
    await refused(
      other,
      { otherId: zhangWei },
      400,
      'merge-same-platform',
      '「宋佳」和「张伟」都绑定了钉钉账号，不是同一个人在两个平台上的账号，不能合并',
    );
    await refused(kept, { otherId: 999_999 }, 404, 'not-found', '用户不存在');
    await refused(999_999, { otherId: kept }, 404, 'not-found');
    const malformed = await refused(kept, { other: other }, 400, 'invalid-request');
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['otherId']),
    );
    // The preview refuses alike.
    const preview = await admin.get(`/api/admin/users/${kept}/merge-preview?otherId=${zhangWei}`);
    expect(preview.status).toBe(400);
    expect(preview.body.type).toBe(problem('merge-same-platform'));
    expect(await world()).toEqual(before);
  });
});

describe('the merge', () => {
  let moves: Record<string, number>;

  test('the preview counts what will move, and changes nothing', async () => {
    const before = await world();
    const res = await admin.get(`/api/admin/users/${kept}/merge-preview?otherId=${other}`);
    expect(res.status).toBe(200);
    expect(res.body.kept).toMatchObject({ id: kept, identities: { wecom: 'SongJia', dingtalk: null } });
    expect(res.body.other).toMatchObject({ id: other, identities: { wecom: null, dingtalk: '0100603' } });
    moves = Object.fromEntries(res.body.moves.map((m: { key: string; count: number }) => [m.key, m.count]));
    expect(moves).toMatchObject({
      customers: 3,
      leads: 2,
      deals: 1,
      tasks: 2,
      tasksCreated: 2,
      followUps: 1,
      roles: 2,
      collaborations: 2,
      targets: 2,
      sessions: 1,
    });
    expect(res.body.moves.find((m: { key: string }) => m.key === 'customers').label).toBe('负责的客户');
    expect(await world()).toEqual(before);
  });

  test('the kept user takes both identities and everything; the other is marked merged, not deleted; audited', async () => {
    const ownedBy = async (user: number) => ({
      customers: (await crm.db.query('select id from customer where owner_id = $1 order by id', [user])).rows,
      leads: (await crm.db.query('select id from lead where owner_id = $1 order by id', [user])).rows,
      deals: (await crm.db.query('select id from opportunity where owner_id = $1 order by id', [user])).rows,
      tasks: (await crm.db.query('select id from task where assignee_id = $1 order by id', [user])).rows,
    });
    const theirs = await ownedBy(other);
    const auditBefore = (await crm.db.query<{ id: string }>('select max(id) as id from audit_log')).rows[0]!
      .id;

    const res = await admin.send('POST', `/api/admin/users/${kept}/merge`, { otherId: other });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.kept).toMatchObject({
      id: kept,
      active: true,
      mobile: '13800100603',
      identities: { wecom: 'SongJia', dingtalk: '0100603' },
      mergedIntoId: null,
    });
    expect(res.body.other).toMatchObject({
      id: other,
      active: false,
      identities: { wecom: null, dingtalk: null },
      mergedIntoId: kept,
      roles: [],
    });

    // Everything she did on the DingTalk user is now the kept user's.
    const now = await ownedBy(kept);
    for (const kind of ['customers', 'leads', 'deals', 'tasks'] as const)
      expect(now[kind], kind).toEqual(expect.arrayContaining(theirs[kind]));
    expect(await ownedBy(other)).toEqual({ customers: [], leads: [], deals: [], tasks: [] });
    for (const [table, column] of [
      ['follow_up', 'author_id'],
      ['customer_collaborator', 'user_id'],
      ['sales_target', 'user_id'],
      ['session', 'user_id'],
      ['role_assignment', 'user_id'],
    ])
      expect(
        (await crm.db.query(`select count(*)::int as n from ${table} where ${column} = $1`, [other])).rows[0]
          .n,
        table,
      ).toBe(0);
    // Roles: 销售 with the wider of the two scopes, and 财务.
    expect(
      res.body.kept.roles.map((r: { role: { code: string }; scope: string }) => [r.role.code, r.scope]),
    ).toEqual(
      expect.arrayContaining([
        ['sales', 'department'],
        ['finance', 'all'],
      ]),
    );
    expect(res.body.kept.roles).toHaveLength(2);
    // Targets: 2026-11 stays the kept user's own, 2026-12 came over.
    expect(
      (
        await crm.db.query(
          'select month, amount_cents::int as cents from sales_target where user_id = $1 order by month',
          [kept],
        )
      ).rows,
    ).toEqual([
      { month: '2026-11', cents: 100000 },
      { month: '2026-12', cents: 500000 },
    ]);
    // Collaborations: the one on her own customer went (she owns it), the one on 张伟's came over.
    expect(
      (
        await crm.db.query(
          'select c.owner_id from customer_collaborator k join customer c on c.id = k.customer_id where k.user_id = $1',
          [kept],
        )
      ).rows,
    ).toEqual([{ owner_id: zhangWei }]);

    // Audited: a merge entry on each user, by the administrator, through the API.
    const entries = (
      await crm.db.query(
        `select object_id, action, changes, via, actor_id from audit_log
          where id > $1 and action = 'merge' order by id`,
        [auditBefore],
      )
    ).rows;
    const xu = await crm.userId('徐明');
    expect(entries).toEqual([
      expect.objectContaining({ object_id: String(kept), via: 'api', actor_id: xu }),
      expect.objectContaining({ object_id: String(other), via: 'api', actor_id: xu }),
    ]);
    expect(entries[0].changes).toMatchObject({
      dingtalkUserId: { before: null, after: '0100603' },
      mobile: { before: null, after: '13800100603' },
      merged: {
        before: null,
        after: {
          userId: other,
          name: '宋佳',
          moved: expect.objectContaining({ customers: 3, leads: 2 }),
          droppedTargets: [{ month: '2026-11', amountCents: 999900 }],
        },
      },
    });
    expect(entries[1].changes).toMatchObject({
      active: { before: true, after: false },
      dingtalkUserId: { before: '0100603', after: null },
      mergedIntoId: { before: null, after: kept },
    });
  });

  test('her old session and the audit log’s “who” now lead to the kept user', async () => {
    const me = await crm.api('/api/me', { token: otherToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: kept, name: '宋佳' });
    // What she did on her DingTalk user (creating her customer) is found under the kept user.
    const log = await admin.get(`/api/audit?actor=${kept}&objectType=customer`);
    expect(log.status, JSON.stringify(log.body)).toBe(200);
    expect(JSON.stringify(log.body.items)).toContain('宋佳自己的客户有限公司');
  });

  test('the suggestion is gone, and a user already merged cannot be merged again either way', async () => {
    expect((await admin.get('/api/admin/users/merge-suggestions')).body.items).toEqual([]);
    const before = await world();
    for (const [keep, otherId] of [
      [kept, other],
      [other, kept],
    ]) {
      const res = await admin.send('POST', `/api/admin/users/${keep}/merge`, { otherId });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        type: problem('merge-already-merged'),
        title: '「宋佳」的账号已经合并到其他账号，不能再合并',
      });
    }
    expect(await world()).toEqual(before);
  });
});

describe('after the merge', () => {
  test('org syncs of both platforms and a contact event neither split her again nor revive the merged user', async () => {
    const before = await songJias();
    await syncBothPlatforms();
    const { delivery } = await sandboxOf(crm.server).actions.emitWeComContactChange({
      changeType: 'update_user',
      id: 'SongJia',
    });
    expect(delivery.ok).toBe(true);
    await settleJobs(crm.db);
    await syncBothPlatforms();
    expect(await songJias()).toEqual(before);
    expect(before).toEqual([
      expect.objectContaining({
        id: kept,
        wecom_user_id: 'SongJia',
        dingtalk_user_id: '0100603',
        active: true,
      }),
      expect.objectContaining({
        id: other,
        wecom_user_id: null,
        dingtalk_user_id: null,
        active: false,
        merged_into_id: kept,
      }),
    ]);
  });

  test('the bot knows her as the kept user on both platforms, with the roles of both accounts', async () => {
    const { actions } = sandboxOf(crm.server);
    await actions.sendWeComText({ from: 'SongJia', text: '我' });
    await actions.sendDingTalkText({ from: '0100603', text: '我' });
    for (const [platform, viewer] of [
      ['wecom', 'SongJia'],
      ['dingtalk', '0100603'],
    ] as const) {
      const answer = await waitForOutgoing(
        crm.server,
        platform,
        (m) => m.viewers.includes(viewer) && textOf(m).startsWith('宋佳'),
      );
      expect(textOf(answer), platform).toBe(
        '宋佳 · 出纳\n部门：财务部\n角色：销售（数据范围：本部门）、财务（数据范围：全公司）',
      );
    }
  });

  test('a lead given to her reaches her on both platforms', async () => {
    const finance = (await crm.db.query<{ id: number }>(`select id from department where name = '财务部'`))
      .rows[0]!.id;
    const rule = await admin.send('POST', '/api/assignment-rules', {
      name: '西藏线索轮流给财务部',
      position: 1,
      regions: ['西藏'],
      teamId: finance,
      strategy: 'round_robin',
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    // Round-robin goes through the team's active members by id: 罗娟, 梁宇, then 宋佳.
    let lead: { id: number; owner: { id: number } | null } | undefined;
    for (let n = 1; n <= 3; n++) {
      const res = await admin.send('POST', '/api/leads', {
        company: `拉萨高原第${n}号贸易有限公司`,
        region: '西藏',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      lead = res.body;
    }
    expect(lead!.owner?.id).toBe(kept);
    // The card for its owner: on WeCom to her WeCom account, on DingTalk to her DingTalk one, which
    // until the merge was another user's.
    const wecom = await waitForOutgoing(crm.server, 'wecom', (m) =>
      JSON.stringify(m.content).includes('拉萨高原第3号贸易有限公司'),
    );
    expect(wecom.viewers).toEqual(['SongJia']);
    expect(JSON.stringify(wecom.content)).toContain('已被 宋佳 认领');
    const { state } = sandboxOf(crm.server);
    const dingtalk = await waitFor(async () => {
      const card = (await cardsOf(crm.db, 'lead', lead!.id)).find((c) => c.platform === 'dingtalk');
      const views = card && state.dingtalk.cards.views(card.card_id);
      return views && Object.keys(views).length > 0 ? views : undefined;
    });
    expect(Object.keys(dingtalk)).toEqual(['0100603']);
    expect(JSON.stringify(dingtalk['0100603']!.params)).toContain('拉萨高原第3号贸易有限公司');
  });
});

describe('when DingTalk later gives her a new account', () => {
  test('the sync recognises the kept user by her mobile; the merged user, with the same mobile, does not split her', async () => {
    // She left DingTalk and came back under a new userid: only her mobile says who she is.
    sandboxOf(crm.server).state.org.personByWeCom('SongJia')!.dingtalk.userid = '0100604';
    await syncBothPlatforms();
    expect(await songJias()).toEqual([
      expect.objectContaining({
        id: kept,
        wecom_user_id: 'SongJia',
        dingtalk_user_id: '0100604',
        active: true,
      }),
      expect.objectContaining({ id: other, dingtalk_user_id: null, active: false, merged_into_id: kept }),
    ]);
  });
});
