import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';

// A custom field's type or options change only while every value already stored still fits: the
// admin hears how many records stand in the way, and nothing changes until they are fixed.

let crm: Crm;
let admin: Session;
let rep: Session;
beforeAll(async () => {
  crm = await startCrm();
  admin = await crm.as('徐明');
  rep = await crm.as('张伟');
});
afterAll(() => crm.stop());

async function defineField(body: Record<string, unknown>): Promise<number> {
  const res = await admin.send('POST', '/api/custom-fields', { object: 'customer', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function customerWith(name: string, customFields: Record<string, unknown>): Promise<number> {
  const res = await rep.send('POST', '/api/customers', { kind: 'company', name, customFields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const definition = async (id: number) =>
  (await admin.get('/api/custom-fields?object=customer')).body.items.find((d: { id: number }) => d.id === id);

/** Refused with this code and title; the definition and the audit log as they were. */
async function expectRefused(id: number, patch: Record<string, unknown>, type: string, title: string) {
  const before = await definition(id);
  const audited = (await auditRows(crm.db, 'customFieldDefinition', id)).length;
  const res = await admin.send('PATCH', `/api/custom-fields/${id}`, patch);
  expect(res.status, JSON.stringify(res.body)).toBe(409);
  expect(res.body).toMatchObject({ type: `urn:kelian:problem:${type}`, title });
  expect(await definition(id)).toEqual(before);
  expect(await auditRows(crm.db, 'customFieldDefinition', id)).toHaveLength(audited);
}

test('a text field becomes a number only once no customer holds words in it', async () => {
  const id = await defineField({ key: '人数', label: '员工人数', type: 'text' });
  const words = await customerWith('类型变更一号', { 人数: '约一百人' });
  const moreWords = await customerWith('类型变更二号', { 人数: '两百' });
  await customerWith('类型变更三号', { 人数: '' });
  await customerWith('类型变更四号', {});

  await expectRefused(
    id,
    { type: 'number', label: '在职人数' },
    'custom-field-values-unfit',
    '2 个客户的「员工人数」值不是数字，不能改为数字字段；请先修改或清空这些值',
  );
  await expectRefused(
    id,
    { type: 'select', options: ['约一百人'] },
    'custom-field-values-unfit',
    '1 个客户的「员工人数」值不在新的选项中，不能改为单选字段；请先修改或清空这些值',
  );
  const noOptions = await admin.send('PATCH', `/api/custom-fields/${id}`, { type: 'select' });
  expect(noOptions.status).toBe(400);
  expect(noOptions.body.errors).toEqual([{ field: 'options', message: '单选和多选字段至少需要一个选项' }]);

  // Cleared by their owner (a number is still refused while the field is text), the change goes through.
  for (const customer of [words, moreWords]) {
    const cleared = await rep.send('PATCH', `/api/customers/${customer}`, { customFields: { 人数: null } });
    expect(cleared.status).toBe(200);
  }
  const changed = await admin.send('PATCH', `/api/custom-fields/${id}`, { type: 'number' });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ key: '人数', type: 'number', options: [] });
  const entry = (await auditRows(crm.db, 'customFieldDefinition', id)).at(-1);
  expect(entry).toMatchObject({ action: 'update', changes: { type: { before: 'text', after: 'number' } } });
  expect((await rep.send('PATCH', `/api/customers/${words}`, { customFields: { 人数: 120 } })).status).toBe(
    200,
  );
});

test('dates must already be YYYY-MM-DD, and a choice field turns into text only if it holds words', async () => {
  const signed = await defineField({ key: '签约', label: '签约日期', type: 'text' });
  await customerWith('日期变更一号', { 签约: '2026-01-02' });
  await customerWith('日期变更二号', { 签约: '2026/01/02' });
  await expectRefused(
    signed,
    { type: 'date' },
    'custom-field-values-unfit',
    '1 个客户的「签约日期」值不是 YYYY-MM-DD 格式的日期，不能改为日期字段；请先修改或清空这些值',
  );

  const likes = await defineField({
    key: '偏好',
    label: '产品偏好',
    type: 'multi_select',
    options: ['软件', '硬件', '服务'],
  });
  await customerWith('多选变更一号', { 偏好: ['软件', '服务'] });
  await expectRefused(
    likes,
    { type: 'text' },
    'custom-field-values-unfit',
    '1 个客户的「产品偏好」值不是文字，不能改为文字字段；请先修改或清空这些值',
  );
});

test('an option in use cannot be removed; unused ones can, and new ones be added', async () => {
  const size = await defineField({
    key: '规模档',
    label: '企业规模',
    type: 'select',
    options: ['小型', '中型', '大型'],
  });
  await customerWith('选项一号', { 规模档: '中型' });
  await customerWith('选项二号', { 规模档: '中型' });
  await customerWith('选项三号', { 规模档: '小型' });
  await expectRefused(
    size,
    { options: ['小型', '大型'] },
    'custom-field-option-in-use',
    '2 个客户的「企业规模」选了「中型」，不能删除这些选项；请先为它们改选其他选项',
  );
  await expectRefused(
    size,
    { options: ['特大型'] },
    'custom-field-option-in-use',
    '3 个客户的「企业规模」选了「小型、中型」，不能删除这些选项；请先为它们改选其他选项',
  );
  const kept = await admin.send('PATCH', `/api/custom-fields/${size}`, {
    options: ['小型', '中型', '特大型'],
  });
  expect(kept.status).toBe(200);
  expect(kept.body.options).toEqual(['小型', '中型', '特大型']);

  const channels = await defineField({
    key: '渠道',
    label: '获客渠道',
    type: 'multi_select',
    options: ['展会', '官网', '转介绍'],
  });
  await customerWith('多选选项一号', { 渠道: ['展会', '官网'] });
  await expectRefused(
    channels,
    { options: ['展会', '转介绍'] },
    'custom-field-option-in-use',
    '1 个客户的「获客渠道」选了「官网」，不能删除这些选项；请先为它们改选其他选项',
  );
});

test('a field defined over a key customers already hold words under must fit them too', async () => {
  await customerWith('旧值一号', { 旧编号: 'A-12' });
  const before = (await admin.get('/api/custom-fields?object=customer')).body.items;
  const number = await admin.send('POST', '/api/custom-fields', {
    object: 'customer',
    key: '旧编号',
    label: '原系统编号',
    type: 'number',
  });
  expect(number.status).toBe(409);
  expect(number.body).toMatchObject({
    type: 'urn:kelian:problem:custom-field-values-unfit',
    title: '1 个客户的「原系统编号」值不是数字，不能设为数字字段；请先修改或清空这些值',
  });
  expect((await admin.get('/api/custom-fields?object=customer')).body.items).toEqual(before);
  const text = await admin.send('POST', '/api/custom-fields', {
    object: 'customer',
    key: '旧编号',
    label: '原系统编号',
    type: 'text',
  });
  expect(text.status).toBe(201);
});
