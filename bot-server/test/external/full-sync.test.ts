import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Crm, startCrm } from '../api/customers-support.js';
import { waitFor } from '../support/wait.js';

// The full sync of WeCom 客户联系: an admin asks, a background job pages through
// externalcontact/batch/get_by_user (≤100 a page) and links every contact; again, nothing changes.

let crm: Crm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.stop());

const syncsDone = async () =>
  (
    await crm.db.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where name = 'customers.external-sync' and state = 'completed'`,
    )
  ).rows[0]!.n;

test('an admin syncs every contact of every rep across pages; a second run changes nothing; a rep may not start it', async () => {
  // The sync queued at start has run (the demo contacts): count from there.
  await waitFor(async () => ((await syncsDone()) >= 1 ? true : undefined), 15_000, 'the start-up sync');
  const wecom = crm.server.sandbox!.state.wecom.customers;
  const total = 130;
  for (let i = 0; i < total; i++)
    wecom.addFollow({ userid: 'ZhouJie', name: `批量客户${i}`, state: 'qr-sync', nowSec: 1_760_000_000 });
  const zhouId = await crm.userId('周杰');

  const rep = await crm.as('张伟');
  const refused = await rep.send('POST', '/api/customers/sync-external');
  expect(refused.status).toBe(403);

  const admin = await crm.as('徐明');
  const started = await admin.send('POST', '/api/customers/sync-external');
  expect(started.status).toBe(202);
  await waitFor(async () => ((await syncsDone()) >= 2 ? true : undefined), 30_000, 'the full sync');

  const linkedCount = async () =>
    (
      await crm.db.query<{ n: number }>(
        `select count(*)::int as n from customer
          where name like '批量客户%' and owner_id = $1 and source = 'qr-sync' and wecom_external_user_id like 'wm%'`,
        [zhouId],
      )
    ).rows[0]!.n;
  expect(await linkedCount()).toBe(total);
  const audits = async () =>
    (await crm.db.query<{ n: number }>(`select count(*)::int as n from audit_log where via = 'sync'`))
      .rows[0]!.n;
  const auditedOnce = await audits();

  expect((await admin.send('POST', '/api/customers/sync-external')).status).toBe(202);
  await waitFor(async () => ((await syncsDone()) >= 3 ? true : undefined), 30_000, 'the second full sync');
  expect(await linkedCount()).toBe(total);
  expect(await audits()).toBe(auditedOnce);
});
