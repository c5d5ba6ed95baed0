import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';

// GET /api/audit narrowed the way the console's 操作日志 asks: by action and by period (from
// inclusive, to exclusive), with who and which object, page by page, newest first.

let crm: Crm;
let admin: Session;
beforeAll(async () => {
  crm = await startCrm();
  admin = await crm.as('徐明');
});
afterAll(() => crm.stop());

interface Entry {
  id: number;
  action: string;
  objectType: string;
  objectId: string;
  actor: { id: number; name: string } | null;
  changes: Record<string, { before: unknown; after: unknown }>;
}

const entries = async (query: string): Promise<Entry[]> => {
  const res = await admin.get(`/api/audit?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
};

/** A moment strictly between two writes: the log's times are the server's clock, in ms. */
async function moment(): Promise<string> {
  await sleep(20);
  const at = new Date().toISOString();
  await sleep(20);
  return at;
}

test('by action and period, with who and which object, newest first and page by page', async () => {
  const xuMing = await crm.userId('徐明');
  const start = await moment();
  const made = await admin.send('POST', '/api/custom-fields', {
    object: 'lead',
    key: '预算',
    label: '预算范围',
    type: 'text',
  });
  expect(made.status).toBe(201);
  const id = String(made.body.id);
  const between = await moment();
  await admin.send('PATCH', `/api/custom-fields/${id}`, { label: '预算区间' });
  await admin.send('PATCH', `/api/custom-fields/${id}`, { position: 3 });
  const end = await moment();

  const mine = `objectType=customFieldDefinition&objectId=${id}`;
  const updates = await entries(`${mine}&action=update`);
  expect(updates.map((e) => e.changes)).toEqual([
    { position: { before: 0, after: 3 } },
    { label: { before: '预算范围', after: '预算区间' } },
  ]);
  expect(updates.every((e) => e.actor?.id === xuMing)).toBe(true);

  const early = await entries(`${mine}&from=${start}&to=${between}`);
  expect(early.map((e) => e.action)).toEqual(['create']);
  expect(early[0]!.changes.label).toEqual({ before: null, after: '预算范围' });
  const late = await entries(`${mine}&from=${encodeURIComponent(between)}`);
  expect(late.map((e) => e.action)).toEqual(['update', 'update']);
  expect(await entries(`${mine}&from=${end}`)).toEqual([]);
  // A period in Beijing time names the same moments.
  const beijing = new Date(new Date(between).getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
  expect(await entries(`${mine}&to=${encodeURIComponent(beijing)}`)).toEqual(early);

  // Everything he did in the period, one entry a page: the filters hold from page to page.
  const seen: Entry[] = [];
  let cursor: string | null = null;
  do {
    const res = await admin.get(
      `/api/audit?actor=${xuMing}&action=update&from=${between}&to=${end}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
    );
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  expect(seen.map((e) => e.id)).toEqual(updates.map((e) => e.id));
});

test('a period or action that is not one is refused in words that say what to send', async () => {
  const cases: [string, string, string][] = [
    [
      'action=rename',
      'action',
      '操作只能是 create、update、delete、restore、export、reveal、merge、login、forgery',
    ],
    ['from=2026-12-01', 'from', '起始时间应为带时区的 ISO 时间，例如 2026-12-01T00:00:00+08:00'],
    ['to=yesterday', 'to', '结束时间应为带时区的 ISO 时间，例如 2026-12-01T00:00:00+08:00'],
    ['from=2026-12-02T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00', 'to', '结束时间应晚于起始时间'],
  ];
  for (const [query, field, message] of cases) {
    const res = await admin.get(`/api/audit?${query}`);
    expect(res.status, query).toBe(400);
    expect(res.body.errors, query).toEqual([{ field, message }]);
  }
});
