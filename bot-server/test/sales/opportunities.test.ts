// /api/stages and /api/opportunities: reps open and move deals on their customers, history records
// every move, bad input and foreign deals change nothing, the board shows the pipeline.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { board, opportunityDetail, opportunityPage, stageList } from '../../src/api/sales/schemas.js';
import { allPages, type Crm, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let zhangwei: Session;
let liuyang: Session;
let lina: Session;
let stages: { id: number; name: string; outcome: string }[];
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, liuyang, lina] = await Promise.all([crm.as('张伟'), crm.as('刘洋'), crm.as('李娜')]);
  const res = await zhangwei.get('/api/stages');
  expect(res.status).toBe(200);
  stages = stageList.parse(res.body).items;
});
afterAll(() => crm?.stop());

const stageNamed = (name: string) => stages.find((s) => s.name === name)!.id;

/** A customer of the demo company owned by this user. */
async function customerOf(name: string): Promise<number> {
  const { rows } = await crm.db.query<{ id: number }>(
    `select c.id from customer c join app_user u on u.id = c.owner_id
      where u.name = $1 and c.deleted_at is null order by c.id limit 1`,
    [name],
  );
  expect(rows, `a customer of ${name}`).toHaveLength(1);
  return rows[0]!.id;
}

const dealRow = async (id: number) =>
  (await crm.db.query('select * from opportunity where id = $1', [id])).rows[0] as Record<string, unknown>;
const dealCount = async () =>
  (await crm.db.query<{ n: number }>('select count(*)::int as n from opportunity')).rows[0]!.n;

async function openDeal(session: Session, customerId: number, name: string, amountCents = 1_000_000) {
  const res = await session.send('POST', '/api/opportunities', {
    customerId,
    name,
    amountCents,
    expectedCloseDate: '2026-12-31',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return opportunityDetail.parse(res.body);
}

describe('stages', () => {
  test('everyone reads the default pipeline in order; only an admin adds to it', async () => {
    expect(stages.map((s) => s.name)).toEqual([
      '初步接洽',
      '需求确认',
      '方案报价',
      '商务谈判',
      '赢单',
      '输单',
    ]);
    const refused = await zhangwei.send('POST', '/api/stages', { name: '样品测试' });
    expect(refused.status).toBe(403);
    const missing = await (await crm.as('徐明')).send('POST', '/api/stages', { name: '', probability: 101 });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'name',
      'probability',
    ]);
  });
});

describe('a rep’s deal', () => {
  test('opens in the first stage, moves with history, and is lost only with a reason', async () => {
    const customerId = await customerOf('张伟');
    const deal = await openDeal(zhangwei, customerId, '年度采购框架');
    expect(deal).toMatchObject({
      name: '年度采购框架',
      amountCents: 1_000_000,
      expectedCloseDate: '2026-12-31',
      status: 'open',
      stage: { name: '初步接洽', probability: 10 },
      owner: { name: '张伟' },
      editable: true,
    });
    expect(deal.history).toHaveLength(1);

    const moved = await zhangwei.send('POST', `/api/opportunities/${deal.id}/stage`, {
      stageId: stageNamed('方案报价'),
      note: '已发报价单',
    });
    expect(moved.status).toBe(200);
    const after = opportunityDetail.parse(moved.body);
    expect(after.stage.name).toBe('方案报价');
    expect(
      after.history.map((h) => `${h.from?.name ?? '-'}→${h.to.name} ${h.note ?? ''} ${h.by?.name}`),
    ).toEqual(['-→初步接洽  张伟', '初步接洽→方案报价 已发报价单 张伟']);
    expect(new Date(after.stageChangedAt).getTime()).toBeGreaterThan(new Date(deal.stageChangedAt).getTime());

    const toWon = await zhangwei.send('POST', `/api/opportunities/${deal.id}/stage`, {
      stageId: stageNamed('赢单'),
    });
    expect(toWon.status).toBe(400);
    expect(toWon.body.errors[0].field).toBe('stageId');

    const noReason = await zhangwei.send('POST', `/api/opportunities/${deal.id}/lost`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]).toEqual({ field: 'reason', message: '请填写输单原因' });
    expect((await dealRow(deal.id)).status).toBe('open');

    const lost = await zhangwei.send('POST', `/api/opportunities/${deal.id}/lost`, { reason: '预算取消' });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({
      status: 'lost',
      lostReason: '预算取消',
      stage: { name: '输单' },
      editable: false,
    });
    expect(lost.body.closedAt).not.toBeNull();

    const again = await zhangwei.send('POST', `/api/opportunities/${deal.id}/stage`, {
      stageId: stageNamed('商务谈判'),
    });
    expect(again.status).toBe(403);
    expect((await dealRow(deal.id)).status).toBe('lost');
  });

  test('bad input is answered field by field and creates nothing', async () => {
    const before = await dealCount();
    const res = await zhangwei.send('POST', '/api/opportunities', {
      customerId: await customerOf('张伟'),
      name: '',
      amountCents: 12.5,
      expectedCloseDate: '2026-13-01',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'amountCents',
      'expectedCloseDate',
      'name',
    ]);
    expect(await dealCount()).toBe(before);
  });

  test('a colleague’s deal is not found by id, for reading or moving, and stays as it was', async () => {
    const deal = await openDeal(zhangwei, await customerOf('张伟'), '张伟的私有商机');
    const before = await dealRow(deal.id);
    expect((await liuyang.get(`/api/opportunities/${deal.id}`)).status).toBe(404);
    for (const [path, body] of [
      [`/api/opportunities/${deal.id}/stage`, { stageId: stageNamed('商务谈判') }],
      [`/api/opportunities/${deal.id}/won`, {}],
      [`/api/opportunities/${deal.id}/lost`, { reason: '抢单' }],
    ] as const) {
      const res = await liuyang.send('POST', path, body);
      expect(res.status, path).toBe(404);
      expect(res.body.type).toBe('urn:kelian:problem:not-found');
    }
    expect((await liuyang.send('PATCH', `/api/opportunities/${deal.id}`, { amountCents: 1 })).status).toBe(
      404,
    );
    expect(
      (await liuyang.send('POST', '/api/opportunities', { customerId: await customerOf('张伟'), name: 'x' }))
        .status,
    ).toBe(404);
    expect(await dealRow(deal.id)).toEqual(before);
    const listed = await allPages(liuyang, '/api/opportunities');
    expect(listed.map((d) => d.id)).not.toContain(deal.id);
    // The manager of 华北 sees and moves it.
    expect((await lina.get(`/api/opportunities/${deal.id}`)).status).toBe(200);
  });

  test('won deals and open deals on the board; the list filters and pages', async () => {
    const customerId = await customerOf('张伟');
    const a = await openDeal(zhangwei, customerId, '看板甲', 300_00);
    const b = await openDeal(zhangwei, customerId, '看板乙', 500_00);
    const won = await zhangwei.send('POST', `/api/opportunities/${b.id}/won`, { note: '签约' });
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ status: 'won', stage: { name: '赢单' } });

    const res = await lina.get(`/api/opportunities/board?owner=${await crm.userId('张伟')}`);
    expect(res.status).toBe(200);
    const columns = board.parse(res.body).columns;
    expect(columns.map((c) => c.stage.name)).toEqual([
      '初步接洽',
      '需求确认',
      '方案报价',
      '商务谈判',
      '赢单',
      '输单',
    ]);
    const column = (name: string) => columns.find((c) => c.stage.name === name)!;
    expect(column('初步接洽').items.map((d) => d.id)).toContain(a.id);
    expect(column('赢单').items.map((d) => d.id)).toContain(b.id);
    expect(column('赢单').amountCents).toBe(
      column('赢单').items.reduce((s, d) => s + Number(d.amountCents), 0),
    );
    expect(columns.flatMap((c) => c.items).every((d) => d.owner?.name === '张伟')).toBe(true);

    const first = await zhangwei.get(`/api/opportunities?customerId=${customerId}&status=open&limit=1`);
    expect(first.status).toBe(200);
    const page = opportunityPage.parse(first.body);
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const all = await allPages(zhangwei, `/api/opportunities?customerId=${customerId}&status=open`, 1);
    expect(all.map((d) => d.id)).toContain(a.id);
    expect(all.map((d) => d.id)).not.toContain(b.id);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
  });
});

describe('concurrent moves', () => {
  test.runIf(inject('dbKind') === 'postgres')('two moves at once leave a history that chains', async () => {
    const deal = await openDeal(zhangwei, await customerOf('张伟'), '并发推进');
    const answers = await Promise.all([
      zhangwei.send('POST', `/api/opportunities/${deal.id}/stage`, { stageId: stageNamed('需求确认') }),
      lina.send('POST', `/api/opportunities/${deal.id}/stage`, { stageId: stageNamed('商务谈判') }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const detail = opportunityDetail.parse((await zhangwei.get(`/api/opportunities/${deal.id}`)).body);
    expect(detail.history).toHaveLength(3);
    for (let i = 1; i < detail.history.length; i++)
      expect(detail.history[i]!.from?.id).toBe(detail.history[i - 1]!.to.id);
    expect(detail.stage.id).toBe(detail.history.at(-1)!.to.id);
  });
});

describe('the demo pipeline', () => {
  test('the demo company has deals across the stages and targets for this month', async () => {
    const res = await (await crm.as('王建国')).get('/api/opportunities/board');
    const columns = board.parse(res.body).columns;
    expect(columns.filter((c) => c.stage.outcome === 'open' && c.count > 0).length).toBeGreaterThanOrEqual(3);
    // Deals entered their stages on different days, as stalled-deal alerts need.
    const days = new Set(columns.flatMap((c) => c.items.map((d) => d.stageChangedAt.slice(0, 10))));
    expect(days.size).toBeGreaterThan(1);
    const { rows } = await crm.db.query<{ n: number }>(
      `select count(*)::int as n from sales_target where month = to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});

describe('the admin’s pipeline', () => {
  test('a stage added by the admin is offered with its limit; switched off, it leaves the list', async () => {
    const admin = await crm.as('徐明');
    const added = await admin.send('POST', '/api/stages', {
      name: '样品测试',
      probability: 40,
      stalledAfterDays: 20,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      name: '样品测试',
      probability: 40,
      stalledAfterDays: 20,
      outcome: 'open',
    });
    const names = (await zhangwei.get('/api/stages')).body.items.map((s: { name: string }) => s.name);
    expect(names).toContain('样品测试');
    expect((await admin.send('PATCH', `/api/stages/${added.body.id}`, { active: false })).status).toBe(200);
    const after = (await zhangwei.get('/api/stages')).body.items.map((s: { name: string }) => s.name);
    expect(after).not.toContain('样品测试');
  });
});
