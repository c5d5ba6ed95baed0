import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';

// Custom field definitions (admin) and customer values validated against them.

let crm: Crm;
let admin: Session;
let rep: Session;
beforeAll(async () => {
  crm = await startCrm();
  admin = await crm.as('徐明');
  rep = await crm.as('张伟');
});
afterAll(() => crm.stop());

const customerCount = async () =>
  // Only this test's name: the start-up sync of WeCom contacts may add customers meanwhile.
  (
    await crm.db.query<{ n: number }>(
      `select count(*)::int as n from customer where name = '定制字段测试公司'`,
    )
  ).rows[0]!.n;

test('an admin defines fields; values are typed, required ones enforced, bad input changes nothing; filters find typed values', async () => {
  const denied = await rep.send('POST', '/api/custom-fields', {
    object: 'customer',
    key: '规模',
    label: '企业规模',
    type: 'text',
  });
  expect(denied.status).toBe(403);
  const noOptions = await admin.send('POST', '/api/custom-fields', {
    object: 'customer',
    key: '规模',
    label: '企业规模',
    type: 'select',
  });
  expect(noOptions.status).toBe(400);
  expect(noOptions.body.errors).toEqual([{ field: 'options', message: '单选和多选字段至少需要一个选项' }]);

  const size = await admin.send('POST', '/api/custom-fields', {
    object: 'customer',
    key: '规模',
    label: '企业规模',
    type: 'select',
    options: ['小型', '中型', '大型'],
    required: true,
  });
  expect(size.status).toBe(201);
  const staff = await admin.send('POST', '/api/custom-fields', {
    object: 'customer',
    key: '员工数',
    label: '员工人数',
    type: 'number',
    position: 1,
  });
  expect(staff.status).toBe(201);
  const signed = await admin.send('POST', '/api/custom-fields', {
    object: 'customer',
    key: '签约日',
    label: '签约日期',
    type: 'date',
    position: 2,
  });
  expect(signed.status).toBe(201);

  const listed = await rep.get('/api/custom-fields?object=customer');
  expect(listed.status).toBe(200);
  expect(listed.body.items.map((d: { key: string; label: string }) => [d.key, d.label])).toEqual([
    ['规模', '企业规模'],
    ['员工数', '员工人数'],
    ['签约日', '签约日期'],
  ]);

  const cases: [Record<string, unknown>, string, string][] = [
    [{}, 'customFields.规模', '「企业规模」是必填项'],
    [{ 规模: '超大型' }, 'customFields.规模', '「企业规模」只能是：小型、中型、大型'],
    [{ 规模: '大型', 员工数: '很多' }, 'customFields.员工数', '「员工人数」应为数字'],
    [{ 规模: '大型', 签约日: '2026/01/02' }, 'customFields.签约日', '「签约日期」应为日期，格式 YYYY-MM-DD'],
  ];
  for (const [customFields, field, message] of cases) {
    const res = await rep.send('POST', '/api/customers', {
      kind: 'company',
      name: '定制字段测试公司',
      customFields,
    });
    expect(res.status, JSON.stringify(customFields)).toBe(400);
    expect(res.body.errors).toEqual([{ field, message }]);
  }
  expect(await customerCount()).toBe(0);

  const made = await rep.send('POST', '/api/customers', {
    kind: 'company',
    name: '定制字段测试公司',
    customFields: { 规模: '大型', 员工数: 120, 签约日: '2026-01-02', 备注码: 'free' },
  });
  expect(made.status).toBe(201);
  const id = made.body.id as number;

  const wrong = await rep.send('PATCH', `/api/customers/${id}`, { customFields: { 员工数: '一百' } });
  expect(wrong.status).toBe(400);
  const removeRequired = await rep.send('PATCH', `/api/customers/${id}`, { customFields: { 规模: null } });
  expect(removeRequired.status).toBe(400);
  expect(removeRequired.body.errors).toEqual([
    { field: 'customFields.规模', message: '「企业规模」是必填项' },
  ]);
  const stored = await crm.db.query('select custom_fields from customer where id = $1', [id]);
  expect(stored.rows[0].custom_fields).toEqual({
    规模: '大型',
    员工数: 120,
    签约日: '2026-01-02',
    备注码: 'free',
  });

  const bySelect = await rep.get(
    `/api/customers?cf.${encodeURIComponent('规模')}=${encodeURIComponent('大型')}`,
  );
  expect(bySelect.body.items.map((c: { id: number }) => c.id)).toEqual([id]);
  const byNumber = await rep.get(`/api/customers?cf=${encodeURIComponent(JSON.stringify({ 员工数: 120 }))}`);
  expect(byNumber.body.items.map((c: { id: number }) => c.id)).toEqual([id]);

  const renamed = await admin.send('PATCH', `/api/custom-fields/${staff.body.id}`, { label: '在职人数' });
  expect(renamed.body).toMatchObject({ key: '员工数', label: '在职人数', type: 'number' });
  expect((await admin.send('DELETE', `/api/custom-fields/${signed.body.id}`)).status).toBe(204);
  expect((await admin.send('DELETE', `/api/custom-fields/${signed.body.id}`)).status).toBe(404);
});
