// POST /api/leads/:id/convert: a claimed lead becomes a customer and a deal in the first stage, or
// is merged into the existing customer its duplicate answer named; never twice.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { leadConverted } from '../../src/api/sales/schemas.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let zhangwei: Session;
let liuyang: Session;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, liuyang] = await Promise.all([crm.as('张伟'), crm.as('刘洋')]);
});
afterAll(() => crm?.stop());

/** A lead 张伟 has claimed. */
async function claimedLead(company: string, mobile = '13900001111'): Promise<number> {
  const created = await zhangwei.send('POST', '/api/leads', {
    company,
    contactName: '王经理',
    mobile,
    region: '北京',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (created.body.status !== 'claimed') {
    const claimed = await zhangwei.send('POST', `/api/leads/${created.body.id}/claim`);
    expect(claimed.status).toBe(200);
  }
  return created.body.id;
}

const leadRow = async (id: number) => (await crm.db.query('select * from lead where id = $1', [id])).rows[0];
const dealsOfLead = async (id: number) =>
  (
    await crm.db.query(
      'select o.*, s.name as stage from opportunity o join pipeline_stage s on s.id = o.stage_id where lead_id = $1',
      [id],
    )
  ).rows;

test('a claimed lead becomes a customer and a deal, once', async () => {
  const id = await claimedLead('星河智能科技有限公司');
  expect((await liuyang.send('POST', `/api/leads/${id}/convert`, {})).status).toBe(404);

  const res = await zhangwei.send('POST', `/api/leads/${id}/convert`, {
    opportunity: { amountCents: 880_000 },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const done = leadConverted.parse(res.body);
  expect(done.lead).toMatchObject({ status: 'converted', customerId: done.customerId });
  const customer = await zhangwei.get(`/api/customers/${done.customerId}`);
  expect(customer.status).toBe(200);
  expect(customer.body).toMatchObject({ name: '星河智能科技有限公司', owner: { name: '张伟' } });
  expect(await dealsOfLead(id)).toMatchObject([
    { id: done.opportunityId, name: '星河智能科技有限公司', stage: '初步接洽', amount_cents: '880000' },
  ]);
  expect((await leadRow(id)).converted_at).not.toBeNull();

  const again = await zhangwei.send('POST', `/api/leads/${id}/convert`, {});
  expect(again.status).toBe(409);
  expect(again.body.type).toBe('urn:kelian:problem:lead-converted');
  expect(await dealsOfLead(id)).toHaveLength(1);
});

test('a duplicate is answered with the existing customer, and the lead is merged into it', async () => {
  const { rows } = await crm.db.query<{ id: number; name: string }>(
    `select c.id, c.name from customer c join app_user u on u.id = c.owner_id
      where u.name = '张伟' and c.kind = 'company' and c.deleted_at is null order by c.id limit 1`,
  );
  const existing = rows[0]!;
  const id = await claimedLead(existing.name);

  const refused = await zhangwei.send('POST', `/api/leads/${id}/convert`, {});
  expect(refused.status).toBe(409);
  expect(refused.body.type).toBe('urn:kelian:problem:duplicate-customer');
  expect(refused.body.duplicates.map((d: { id: number }) => d.id)).toContain(existing.id);
  expect((await leadRow(id)).status).toBe('claimed');
  expect(await dealsOfLead(id)).toHaveLength(0);

  const merged = await zhangwei.send('POST', `/api/leads/${id}/convert`, { customerId: existing.id });
  expect(merged.status).toBe(200);
  expect(merged.body.customerId).toBe(existing.id);
  expect((await leadRow(id)).customer_id).toBe(existing.id);
  expect((await dealsOfLead(id))[0]).toMatchObject({ customer_id: existing.id, stage: '初步接洽' });
});

test('a suspected duplicate that is not one: force creates the new customer anyway', async () => {
  const { rows } = await crm.db.query<{ name: string }>(
    `select c.name from customer c join app_user u on u.id = c.owner_id
      where u.name = '张伟' and c.kind = 'company' and c.deleted_at is null order by c.id desc limit 1`,
  );
  // Another person of the same company: not the same lead again (that would be refused as a
  // duplicate lead), but a customer of that name exists.
  const id = await claimedLead(rows[0]!.name, '13900002222');
  expect((await zhangwei.send('POST', `/api/leads/${id}/convert`, {})).status).toBe(409);
  const forced = await zhangwei.send('POST', `/api/leads/${id}/convert`, { force: true });
  expect(forced.status, JSON.stringify(forced.body)).toBe(200);
  const created = await crm.db.query('select name, owner_id from customer where id = $1', [
    forced.body.customerId,
  ]);
  expect(created.rows[0].name).toBe(rows[0]!.name);
  expect((await leadRow(id)).status).toBe('converted');
});
