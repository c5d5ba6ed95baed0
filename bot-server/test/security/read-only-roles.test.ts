// Reading is not editing (issue 12): 马超 of 采购部 holds the procurement role, whose data scope is
// `all` for reading and which grants no editing. He reads every customer, with the role's field
// rules, and changes none through any door: the REST API (fields, tags, owner, merge, delete,
// follow-ups; creating one with contacts), the bot's commands (跟进, 推进) and a lead card's 认领.
// Next to him, the roles that do edit: a rep his own customers and not a colleague's, a manager
// her department tree, an admin everything. Each refusal is what the person sees: status, problem type and title, the
// bot's sentence, and the data unchanged.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  allPages,
  auditRows,
  type Crm,
  customerRow,
  customersOwnedBy,
  type Session,
  startCrm,
} from '../api/customers-support.js';
import { leadCards } from '../leads/support.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';
import { cardClickXml, postCallback, sealedCallback } from '../support/wecom-callback.js';

let crm: Crm;
let maChao: Session;
let ids: Record<'maChao' | 'zhangWei' | 'liuYang' | 'sunHao', number>;
let target: number;

beforeAll(async () => {
  crm = await startCrm();
  maChao = await crm.as('马超');
  ids = {
    maChao: await crm.userId('马超'),
    zhangWei: await crm.userId('张伟'),
    liuYang: await crm.userId('刘洋'),
    sunHao: await crm.userId('孙浩'),
  };
  target = (await customersOwnedBy(crm.db, ids.zhangWei))[0]!;
});
afterAll(() => crm.stop());

/** Everything of a customer a write could change. */
async function snapshot(id: number) {
  const rows = async (sql: string) => (await crm.db.query(sql, [id])).rows;
  return {
    customer: await customerRow(crm.db, id),
    contacts: await rows('select * from contact where customer_id = $1 order by id'),
    tags: await rows('select tag_id from customer_tags where customer_id = $1 order by tag_id').catch(
      () => [],
    ),
    followUps: await rows('select id from follow_up where customer_id = $1 order by id'),
    deals: await rows('select id, stage_id, status from opportunity where customer_id = $1 order by id'),
    audit: await auditRows(crm.db, 'customer', id),
  };
}

const forbidden = {
  status: 403,
  type: 'urn:kelian:problem:forbidden',
  title: '你的角色可以查看客户，但不能修改，请联系管理员',
};

describe('马超 (采购, scope all, no editing right)', () => {
  test('reads customers within his scope, every owner’s, with his field rules', async () => {
    const listed = await allPages(maChao, '/api/customers', 50);
    const live = (await crm.db.query('select count(*)::int as n from customer where deleted_at is null'))
      .rows[0].n;
    expect(listed).toHaveLength(live);
    const view = await maChao.get(`/api/customers/${target}`);
    expect(view.status).toBe(200);
    expect(view.body.owner).toMatchObject({ id: ids.zhangWei, name: '张伟' });
    // Nothing is offered for editing, on the customer or its contacts.
    expect(view.body.fieldAccess.editable).toEqual([]);
    for (const contact of view.body.contacts) expect(contact.fieldAccess.editable).toEqual([]);
  });

  test('cannot change a rep’s customer through the API: fields, tags, owner, merge, delete, follow-up', async () => {
    const [other] = await customersOwnedBy(crm.db, ids.liuYang);
    const before = { target: await snapshot(target!), other: await snapshot(other!) };
    const tag = (await crm.db.query<{ id: number }>('select id from tag order by id limit 1')).rows[0]!.id;
    // Each well-formed, each refused by the policy with the verb the person tried.
    const attempts: [string, string, unknown, string][] = [
      ['PATCH', `/api/customers/${target}`, { name: '被采购改掉的名字' }, '修改'],
      ['PATCH', `/api/customers/${target}`, { level: 'A' }, '修改'],
      ['PATCH', `/api/customers/${target}`, { tagIds: [tag] }, '修改'],
      ['PUT', `/api/customers/${target}/owner`, { ownerId: ids.maChao }, '转交'],
      ['POST', `/api/customers/${other}/merge`, { intoId: target }, '修改'],
      ['DELETE', `/api/customers/${target}`, undefined, '删除'],
      ['POST', `/api/customers/${target}/follow-ups`, { kind: 'call', content: '采购冒充跟进' }, '修改'],
    ];
    for (const [method, path, body, verb] of attempts) {
      const res = await maChao.send(method, path, body);
      expect(
        { status: res.status, type: res.body.type, title: res.body.title },
        `${method} ${JSON.stringify(body)}`,
      ).toEqual({
        ...forbidden,
        title: `你的角色可以查看客户，但不能${verb}，请联系管理员`,
      });
    }
    expect(await snapshot(target!)).toEqual(before.target);
    expect(await snapshot(other!)).toEqual(before.other);
  });

  test('creating a customer is editing too: refused, nothing created', async () => {
    const count = async () => (await crm.db.query('select count(*)::int as n from customer')).rows[0].n;
    const before = await count();
    const res = await maChao.send('POST', '/api/customers', {
      kind: 'company',
      name: '采购新建的客户',
      contacts: [{ name: '冒充联系人', mobile: '13900009999' }],
    });
    expect({ status: res.status, type: res.body.type, title: res.body.title }).toEqual(forbidden);
    expect(await count()).toBe(before);
  });

  test('the bot’s 跟进 and 推进 refuse him in the same words, and change nothing', async () => {
    const { rows } = await crm.db.query<{ name: string }>('select name from customer where id = $1', [
      target,
    ]);
    const name = rows[0]!.name;
    const before = await snapshot(target!);
    const { actions, state } = sandboxOf(crm.server);
    for (const text of [`跟进 ${name} 电话沟通了价格`, `推进 ${name} 商务谈判`]) {
      const after = state.messages.list({}).at(-1)?.seq ?? 0;
      await actions.sendWeComText({ from: 'MaChao', text });
      const reply = await waitForOutgoing(
        crm.server,
        'wecom',
        (m) => m.seq > after && m.direction === 'out' && m.viewers.includes('MaChao'),
        30_000,
      );
      expect(textOf(reply), text).toBe(`${forbidden.title}。`);
    }
    expect(await snapshot(target!)).toEqual(before);
  });

  test('a lead card’s 认领 is refused as the API refuses it: 线索不存在, and the lead stays unclaimed', async () => {
    const zhangWei = await crm.as('张伟');
    const created = await zhangWei.send('POST', '/api/leads', {
      company: '采购认领测试有限公司',
      region: '北京',
    });
    expect(created.body).toMatchObject({ status: 'new', team: { name: '华北销售部' } });
    const id: number = created.body.id;
    const leadRow = async () =>
      (await crm.db.query('select status, owner_id from lead where id = $1', [id])).rows[0];

    const api = await maChao.send('POST', `/api/leads/${id}/claim`);
    expect([api.status, api.body.type, api.body.title]).toEqual([
      404,
      'urn:kelian:problem:not-found',
      '线索不存在',
    ]);

    // The team's card, clicked by 马超 (forged: it never reached him), sealed as WeCom would seal it.
    const wecom = (await leadCards(crm.db, id)).find((c) => c.platform === 'wecom')!;
    const cardId = wecom.card_id;
    const { state } = sandboxOf(crm.server);
    const after = state.messages.list({}).at(-1)?.seq ?? 0;
    const res = await postCallback(
      sealedCallback(crm.server.url, cardClickXml('MaChao', cardId, `lead.claim:${id}`)),
    );
    expect(res.status).toBe(200);
    const told = await waitForOutgoing(
      crm.server,
      'wecom',
      (m) => m.seq > after && m.direction === 'out' && m.viewers.includes('MaChao'),
      30_000,
    );
    expect(textOf(told)).toBe(`${api.body.title}。`);
    expect(await leadRow()).toEqual({ status: 'new', owner_id: null });
  });
});

describe('the roles that edit, each within its scope', () => {
  test('a rep edits his own customer, not a colleague’s (404, unchanged)', async () => {
    const zhangWei = await crm.as('张伟');
    const own = await zhangWei.send('PATCH', `/api/customers/${target}`, { level: 'B' });
    expect(own.status).toBe(200);
    expect(own.body.level).toBe('B');
    const [colleagues] = await customersOwnedBy(crm.db, ids.liuYang);
    const before = await snapshot(colleagues!);
    const res = await zhangWei.send('PATCH', `/api/customers/${colleagues}`, { level: 'A' });
    expect([res.status, res.body.title]).toEqual([404, '客户不存在']);
    expect(await snapshot(colleagues!)).toEqual(before);
  });

  test('a manager (李娜, 华北 tree) edits her team’s customers, not another team’s', async () => {
    const liNa = await crm.as('李娜');
    const [team] = await customersOwnedBy(crm.db, ids.liuYang);
    const res = await liNa.send('PATCH', `/api/customers/${team}`, { industry: '物流' });
    expect(res.status).toBe(200);
    expect(res.body.industry).toBe('物流');
    const [east] = await customersOwnedBy(crm.db, ids.sunHao);
    const before = await snapshot(east!);
    const refused = await liNa.send('PATCH', `/api/customers/${east}`, { industry: '物流' });
    expect([refused.status, refused.body.title]).toEqual([404, '客户不存在']);
    expect(await snapshot(east!)).toEqual(before);
  });

  test('an admin (徐明) edits anyone’s customer', async () => {
    const xuMing = await crm.as('徐明');
    const [east] = await customersOwnedBy(crm.db, ids.sunHao);
    const res = await xuMing.send('PATCH', `/api/customers/${east}`, { industry: '制造' });
    expect(res.status).toBe(200);
    expect((await customerRow(crm.db, east!))!.industry).toBe('制造');
  });

  test('settings stay the admin’s: one question, one wording per area', async () => {
    for (const [path, title] of [
      ['/api/audit', '只有管理员可以查看审计日志'],
      ['/api/assignment-rules', '只有管理员可以设置线索分配规则'],
      ['/api/followup-rules', '只有管理员可以设置跟进规则'],
    ] as const) {
      const res = await maChao.get(path);
      expect([res.status, res.body.type, res.body.title], path).toEqual([
        403,
        'urn:kelian:problem:forbidden',
        title,
      ]);
    }
  });
});
