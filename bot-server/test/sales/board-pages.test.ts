// The board's long columns: the board shows a column's newest 50 deals and a cursor; 加载更多 reads
// the column's next pages until every deal of the column has been shown once, newest first, within
// the viewer's data scope.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { board, boardColumnPage, opportunityPage, stageList } from '../../src/api/sales/schemas.js';
import { allPages, type Crm, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let zhangwei: Session;
let liuyang: Session;
let stageId: number;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, liuyang] = await Promise.all([crm.as('张伟'), crm.as('刘洋')]);
  stageId = stageList
    .parse((await zhangwei.get('/api/stages')).body)
    .items.find((s) => s.name === '初步接洽')!.id;
  const { rows } = await crm.db.query<{ id: number }>(
    `select c.id from customer c join app_user u on u.id = c.owner_id
      where u.name = '张伟' and c.deleted_at is null order by c.id limit 1`,
  );
  // More than two pages of a column: 110 new deals enter 初步接洽, ten requests at a time.
  for (let i = 0; i < 110; i += 10) {
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, j) =>
        zhangwei.send('POST', '/api/opportunities', { customerId: rows[0]!.id, name: `长列 ${i + j}` }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(10).fill(201));
  }
});
afterAll(() => crm?.stop());

const columnPath = (cursor: string) =>
  `/api/opportunities/board/stages/${stageId}?cursor=${encodeURIComponent(cursor)}`;

test('加载更多 walks a column to its end: every deal once, newest first, the count it showed', async () => {
  const columns = board.parse((await zhangwei.get('/api/opportunities/board')).body).columns;
  const column = columns.find((c) => c.stage.id === stageId)!;
  expect(column.items).toHaveLength(50);
  expect(column.nextCursor).not.toBeNull();
  const shown = [...column.items];
  let cursor = column.nextCursor;
  while (cursor) {
    const res = await zhangwei.get(columnPath(cursor));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const page = opportunityPage.parse(res.body);
    shown.push(...page.items);
    cursor = page.nextCursor;
  }
  expect(shown).toHaveLength(column.count);
  expect(new Set(shown.map((d) => d.id)).size).toBe(shown.length);
  const order = shown.map((d) => [d.stageChangedAt, d.id] as const);
  const sorted = [...order].sort(([a, i], [b, j]) => (a === b ? j - i : b.localeCompare(a)));
  expect(order).toEqual(sorted);
  // The same deals the list gives for the stage.
  const listed = await allPages(zhangwei, `/api/opportunities?stage=${stageId}&status=open`, 50);
  expect(shown.map((d) => d.id).sort((a, b) => a - b)).toEqual(listed.map((d) => d.id).sort((a, b) => a - b));
});

test("another team's rep pages the column without 张伟's deals", async () => {
  const mine = board.parse((await liuyang.get('/api/opportunities/board')).body).columns;
  const column = mine.find((c) => c.stage.id === stageId)!;
  expect(column.items.some((d) => d.name?.startsWith('长列'))).toBe(false);
  const zhang = board.parse((await zhangwei.get('/api/opportunities/board')).body).columns;
  const cursor = zhang.find((c) => c.stage.id === stageId)!.nextCursor!;
  // 张伟's cursor in 刘洋's hands reads on from that point, within 刘洋's scope only.
  const res = await liuyang.get(columnPath(cursor));
  expect(res.status).toBe(200);
  expect(opportunityPage.parse(res.body).items.some((d) => d.name?.startsWith('长列'))).toBe(false);
});

test('an unknown stage is 404, a cursor that is not ours is 400', async () => {
  const unknown = await zhangwei.get('/api/opportunities/board/stages/999999');
  expect(unknown.status).toBe(404);
  const forged = await zhangwei.get(`/api/opportunities/board/stages/${stageId}?cursor=bm90LWpzb24`);
  expect(forged.status).toBe(400);
  expect(forged.body.errors[0].field).toBe('cursor');
});

test('a deal waiting for a 阶段审批 is marked 待审批 on the page 加载更多 brings, as on the first', async () => {
  const admin = await crm.as('王建国');
  const stages = stageList.parse((await admin.get('/api/stages')).body).items;
  const next = stages[stages.findIndex((s) => s.id === stageId) + 1]!;
  expect((await admin.send('PATCH', `/api/stages/${next.id}`, { requiresApproval: true })).status).toBe(200);
  // The column's oldest deal, on its last page, asks to move on.
  const { rows } = await crm.db.query<{ id: number }>(`select id from opportunity where name = '长列 0'`);
  const oldest = rows[0]!.id;
  const move = await zhangwei.send('POST', `/api/opportunities/${oldest}/stage`, { stageId: next.id });
  expect(move.status).toBe(409);

  const first = board.parse((await zhangwei.get('/api/opportunities/board')).body);
  expect(first.gated.some((g) => g.opportunityId === oldest)).toBe(false);
  let cursor = first.columns.find((c) => c.stage.id === stageId)!.nextCursor;
  const marks: { opportunityId: number; stage: string }[] = [];
  while (cursor) {
    const page = boardColumnPage.parse((await zhangwei.get(columnPath(cursor))).body);
    marks.push(...page.gated);
    cursor = page.nextCursor;
  }
  expect(marks).toEqual([expect.objectContaining({ opportunityId: oldest, stage: next.name })]);
});
