// A lead goes through the one presenter: the field rules of the viewer's roles hold for leads too,
// on top of the masking of unclaimed leads.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let zhangwei: Session;
let leadId: number;
beforeAll(async () => {
  crm = await startCrm();
  zhangwei = await crm.as('张伟');
  const created = await zhangwei.send('POST', '/api/leads', {
    company: '北京字段规则科技有限公司',
    region: '北京',
    mobile: '13855556666',
    email: 'qianwei@example.com',
    note: '展会上留的名片',
  });
  leadId = created.body.id;
  expect((await zhangwei.send('POST', `/api/leads/${leadId}/claim`)).status).toBe(200);
});
afterEach(() => crm.db.query(`update role set field_rules = '{}' where code = 'sales'`));
afterAll(() => crm?.stop());

const salesRules = (rules: object) =>
  crm.db.query(`update role set field_rules = $1 where code = 'sales'`, [JSON.stringify(rules)]);

const leadRow = async () =>
  (await crm.db.query('select * from lead where id = $1', [leadId])).rows[0] as Record<string, unknown>;

describe('field rules on leads', () => {
  test('without rules the owner sees the contact in full', async () => {
    const res = await zhangwei.get(`/api/leads/${leadId}`);
    expect(res.body).toMatchObject({ mobile: '13855556666', email: 'qianwei@example.com' });
  });

  test('a hidden field is absent for its own owner; a masked one is masked, in the list too', async () => {
    await salesRules({ lead: { mobile: 'hidden', email: 'masked' } });
    const one = await zhangwei.get(`/api/leads/${leadId}`);
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('mobile');
    expect(one.body).toMatchObject({ email: 'q***@example.com', company: '北京字段规则科技有限公司' });
    const [listed] = (await zhangwei.get('/api/leads?view=mine')).body.items;
    expect(listed).not.toHaveProperty('mobile');
    expect(listed).toMatchObject({ id: leadId, email: 'q***@example.com' });
  });

  test('a read-only field cannot be changed, and nothing changes', async () => {
    await salesRules({ lead: { note: 'readonly' } });
    const before = await leadRow();
    const res = await zhangwei.send('PATCH', `/api/leads/${leadId}`, { company: '改了名', note: '改了备注' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      type: 'urn:kelian:problem:field-refused',
      errors: [{ field: 'note', message: '「备注」是只读字段，不能修改' }],
    });
    expect(await leadRow()).toEqual(before);
    const allowed = await zhangwei.send('PATCH', `/api/leads/${leadId}`, { company: '北京字段规则有限公司' });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ company: '北京字段规则有限公司', note: '展会上留的名片' });
  });
});
