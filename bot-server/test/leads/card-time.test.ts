// A lead card says when the lead came in as a time of day in Beijing, never as "刚刚" or "3 天前":
// a card stays in the chat for days, and a relative word would be frozen at the time it was sent.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Crm, startCrm } from '../api/customers-support.js';
import { shownEverywhere } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { leadCards } from './support.js';

let crm: Crm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm?.stop());

/** `2026-12-06 14:30`, in Beijing time. */
const beijing = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);

test('the lead card shows when the lead came in, absolute, on every copy, and still so when updated days later', async () => {
  const zhangwei = await crm.as('张伟');
  const created = await zhangwei.send('POST', '/api/leads', {
    company: '北京远景光电科技',
    contactName: '周敏',
    region: '北京',
  });
  expect(created.status).toBe(201);
  const id: number = created.body.id;
  await leadCards(crm.db, id);
  const { rows } = await crm.db.query<{ created_at: Date }>('select created_at from lead where id = $1', [
    id,
  ]);
  const when = `销售线索 · ${beijing(rows[0]!.created_at)}`;
  const copies = await shownEverywhere(crm.server, crm.db, 'lead', id);
  expect(copies.length).toBeGreaterThan(0);
  for (const shown of copies) {
    expect(shown).toContain(when);
    expect(shown).not.toMatch(/刚刚|分钟前|小时前|天前/);
  }

  // Three days on, a claim updates every copy: the time it came in is still the same time.
  await crm.db.query(`update lead set created_at = created_at - interval '3 days' where id = $1`, [id]);
  const earlier = `销售线索 · ${beijing(new Date(rows[0]!.created_at.getTime() - 3 * 86_400_000))}`;
  expect((await zhangwei.send('POST', `/api/leads/${id}/claim`)).status).toBe(200);
  const updated = await waitFor(async () => {
    const now = await shownEverywhere(crm.server, crm.db, 'lead', id);
    return now.length > 0 && now.every((s) => s.includes('已被') || s.includes('张伟')) ? now : undefined;
  });
  for (const shown of updated) {
    expect(shown).toContain(earlier);
    expect(shown).not.toMatch(/刚刚|分钟前|小时前|天前/);
  }
});
