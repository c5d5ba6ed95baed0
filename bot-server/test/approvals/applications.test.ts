// Document types an administrator names (issue 14): 王建国 creates 试用申请 with its fields, sets
// its flow (a condition on one of its fields, a step that sets another when it approves), 张伟
// applies; bad input is refused field by field with nothing written; the approval card shows the
// fields as rows; the outcome lands on the application and the customer's timeline.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applicationJson, applied, typeJson } from '../../src/api/applications/schemas.js';
import { approvalDetail, flowList } from '../../src/api/approvals/schemas.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { customerOf, shownTo } from './support.js';

let crm: Crm;
let admin: Session;
let zhangwei: Session;
let lina: Session;
beforeAll(async () => {
  crm = await startCrm();
  [admin, zhangwei, lina] = await Promise.all([crm.as('王建国'), crm.as('张伟'), crm.as('李娜')]);
});
afterAll(() => crm?.stop());

const trialType = {
  name: '试用申请',
  icon: '🧪',
  color: '#00a870',
  fields: [
    { key: 'customer', label: '客户', kind: 'customer', required: true },
    { key: 'seats', label: '试用账号数', kind: 'number', required: true },
    { key: 'fee', label: '试用费', kind: 'amount', required: false },
    { key: 'until', label: '试用截止', kind: 'date', required: true },
    { key: 'edition', label: '版本', kind: 'choice', required: true, options: ['标准版', '旗舰版'] },
    { key: 'stage', label: '进度', kind: 'choice', required: false, options: ['待审', '主管已批'] },
    { key: 'reason', label: '说明', kind: 'text', required: false },
  ],
};

/** ≤ 10 seats: 李娜 (张伟's manager) alone, and her approval marks the 进度 主管已批. */
const trialFlow = {
  name: '试用审批',
  definition: {
    start: 'seats',
    nodes: [
      {
        id: 'seats',
        kind: 'condition',
        name: '账号数',
        branches: [{ name: '超过 10 个', when: [{ field: 'seats', op: 'gt', value: [10] }], next: 'gm' }],
        otherwise: 'manager',
      },
      {
        id: 'manager',
        kind: 'approve',
        name: '销售主管审批',
        approvers: { type: 'manager', level: 1 },
        mode: 'any',
        next: null,
        onApprove: [{ set: 'stage', value: '主管已批' }],
      },
      {
        id: 'gm',
        kind: 'approve',
        name: '总经理审批',
        approvers: { type: 'role', role: 'admin' },
        mode: 'any',
        next: null,
      },
    ],
  },
};

let typeId: number;
let docType: string;

const applicationCount = async () =>
  Number((await crm.db.query('select count(*) as n from application')).rows[0].n);

describe('an administrator names a type', () => {
  test('王建国 creates 试用申请; a rep may not; a duplicate key or a choice without options is refused', async () => {
    const refused = await zhangwei.send('POST', '/api/application-types', trialType);
    expect(refused.status).toBe(403);
    expect(refused.body.title).toBe('只有管理员可以设置申请类型');

    const twice = await admin.send('POST', '/api/application-types', {
      ...trialType,
      fields: [trialType.fields[0], { ...trialType.fields[1], key: 'customer' }],
    });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({
      type: 'urn:kelian:problem:application-type-field-duplicate',
      title: '字段标识「customer」重复了',
    });
    const bare = await admin.send('POST', '/api/application-types', {
      ...trialType,
      fields: [{ key: 'edition', label: '版本', kind: 'choice', required: true }],
    });
    expect(bare.body).toMatchObject({
      type: 'urn:kelian:problem:application-type-choice-empty',
      title: '选项字段「版本」至少需要一个选项',
    });

    const created = await admin.send('POST', '/api/application-types', trialType);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const type = typeJson.parse(created.body);
    typeId = type.id;
    docType = type.docType;
    expect(docType).toBe(`application:${typeId}`);
    const again = await admin.send('POST', '/api/application-types', trialType);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('urn:kelian:problem:application-type-name-taken');
  });

  test('its flow is edited like any other: conditions read its fields, actions set them, bad actions are refused', async () => {
    const flows = flowList.parse((await admin.get('/api/approval-flows')).body).items;
    const trial = flows.find((f) => f.docType === docType);
    expect(trial?.label).toBe('试用申请');
    expect(trial?.fields.map((f) => f.field)).toEqual([
      'customer',
      'seats',
      'fee',
      'until',
      'edition',
      'stage',
      'reason',
    ]);
    // A type naming a customer lets its flows set the customer's credit limit too.
    expect(trial?.settable.map((f) => f.field)).toContain('customer.creditLimitCents');
    // Contracts take no post-approval actions.
    expect(flows.find((f) => f.docType === 'contract')?.settable).toEqual([]);

    const withAction = (action: unknown) => ({
      ...trialFlow,
      definition: { ...trialFlow.definition, onApproved: [action] },
    });
    for (const [action, code, title] of [
      [
        { set: 'owner', value: 1 },
        'flow-action-field-unknown',
        '「审批通过后」的审批后操作设置了这类单据不能设置的字段「owner」',
      ],
      [{ set: 'stage', value: '已签约' }, 'flow-action-invalid', undefined],
      [{ set: 'customer.creditLimitCents', from: 'edition' }, 'flow-action-invalid', undefined],
      [{ set: 'fee', value: -5 }, 'flow-action-invalid', undefined],
    ] as const) {
      const res = await admin.send('POST', `/api/approval-flows/${docType}`, withAction(action));
      expect(res.status, JSON.stringify(action)).toBe(400);
      expect(res.body.type).toBe(`urn:kelian:problem:${code}`);
      if (title) expect(res.body.title).toBe(title);
    }
    const contractAction = await admin.send('POST', '/api/approval-flows/contract', {
      name: '合同审批',
      definition: {
        start: 'm',
        nodes: [{ ...trialFlow.definition.nodes[1], id: 'm', onApprove: [] }],
        onApproved: [{ set: 'status', value: 'active' }],
      },
    });
    expect(contractAction.body.type).toBe('urn:kelian:problem:flow-action-field-unknown');

    const saved = await admin.send('POST', `/api/approval-flows/${docType}`, trialFlow);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  });
});

describe('张伟 applies', () => {
  const values = (customerId: number, extra: Record<string, unknown> = {}) => ({
    customer: customerId,
    seats: 5,
    fee: 150_000,
    until: '2027-03-31',
    edition: '旗舰版',
    reason: '客户要先在两个门店试用',
    ...extra,
  });

  test.each([
    ['an unknown field', { color: '红' }, 'application-field-unknown', '这类申请没有「color」这个字段'],
    ['a wrong type', { seats: '五个' }, 'application-field-invalid', '「试用账号数」应为数字'],
    [
      'a fractional amount',
      { fee: 10.5 },
      'application-field-invalid',
      '「试用费」应为以分为单位的非负整数金额',
    ],
    [
      'a date that does not exist',
      { until: '2027-02-30' },
      'application-field-invalid',
      '「试用截止」应为YYYY-MM-DD 格式的日期',
    ],
    ['a missing required field', { edition: '' }, 'application-field-required', '请填写「版本」'],
    [
      'a choice not in the list',
      { edition: '企业版' },
      'application-choice-invalid',
      '「版本」只能选：标准版、旗舰版',
    ],
  ])('%s is refused in Chinese with its code, and nothing is written', async (_, extra, code, title) => {
    const before = await applicationCount();
    const res = await zhangwei.send('POST', '/api/applications', {
      typeId,
      values: values(await customerOf(crm, '张伟'), extra),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: `urn:kelian:problem:${code}`, title });
    expect(await applicationCount()).toBe(before);
  });

  test('a customer he cannot see is refused like a missing one', async () => {
    const others = await customerOf(crm, '孙浩');
    const res = await zhangwei.send('POST', '/api/applications', { typeId, values: values(others) });
    expect(res.status).toBe(404);
    expect(res.body.title).toBe('客户不存在');
  });

  test('someone without the right to apply is told so', async () => {
    const machao = await crm.as('马超');
    const res = await machao.send('POST', '/api/applications', { typeId, values: {} });
    expect(res.status).toBe(403);
    expect((await machao.get('/api/application-types')).status).toBe(403);
  });

  test('his application goes to 李娜 with its fields on the card; her approval sets 进度 and ends it 已通过', async () => {
    const types = (await zhangwei.get('/api/application-types')).body.items.map(
      (t: { name: string }) => t.name,
    );
    expect(types).toEqual(expect.arrayContaining(['信用额度申请', '试用申请']));
    const customerId = await customerOf(crm, '张伟');
    const res = await zhangwei.send('POST', '/api/applications', { typeId, values: values(customerId) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { application, approvalId } = applied.parse(res.body);
    expect(application).toMatchObject({ status: 'pending', statusLabel: '审批中', approvalId });
    expect(application.rows.map((r) => `${r.label} ${r.value}`)).toEqual([
      `客户 ${application.customer?.name}`,
      '试用账号数 5',
      '试用费 ¥1,500.00',
      '试用截止 2027-03-31',
      '版本 旗舰版',
      '说明 客户要先在两个门店试用',
    ]);

    const run = approvalDetail.parse((await lina.get(`/api/approvals/${approvalId}`)).body);
    expect(run.steps.map((s) => s.name)).toEqual(['销售主管审批']);
    expect(run.title).toBe(`试用申请 · ${application.customer?.name}`);
    // The card: the type and customer as its title, the amount as its big figure, the fields as rows.
    const card = await shownTo(crm, 'LiNa', approvalId, '试用申请');
    for (const text of ['¥1,500.00', '试用账号数', '旗舰版', '2027-03-31']) expect(card).toContain(text);

    const approved = await lina.send('POST', `/api/approvals/${approvalId}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const after = applicationJson.parse((await zhangwei.get(`/api/applications/${application.id}`)).body);
    expect(after).toMatchObject({ status: 'approved', statusLabel: '已通过', approvalId });
    expect(after.values.stage).toBe('主管已批');
    expect(after.decidedAt).not.toBeNull();

    // On the customer's timeline: submitted and approved.
    const timeline = await zhangwei.get(`/api/customers/${customerId}/timeline`);
    const titles = timeline.body.items.map((i: { title: string }) => i.title);
    expect(titles).toContain(`同意：试用申请 · ${application.customer?.name}`);
    expect(titles).toContain(`提交审批：试用申请 · ${application.customer?.name}`);

    const mine = await zhangwei.get('/api/applications');
    expect(mine.body.items[0]).toMatchObject({ id: application.id, status: 'approved' });
  });

  test('more than 10 seats goes to the administrators; a rejection can be changed and sent again', async () => {
    const customerId = await customerOf(crm, '张伟');
    const res = await zhangwei.send('POST', '/api/applications', {
      typeId,
      values: values(customerId, { seats: 30 }),
    });
    const { application, approvalId } = applied.parse(res.body);
    const run = approvalDetail.parse((await admin.get(`/api/approvals/${approvalId}`)).body);
    expect(run.steps.map((s) => s.name)).toEqual(['总经理审批']);
    const rejected = await admin.send('POST', `/api/approvals/${approvalId}/reject`, {
      reason: '账号太多，先开 10 个',
    });
    expect(rejected.status).toBe(200);
    expect((await zhangwei.get(`/api/applications/${application.id}`)).body.status).toBe('rejected');

    // Another rep sees nothing of it; his manager (reads applications in her scope) does.
    const liuyang = await crm.as('刘洋');
    expect((await liuyang.get(`/api/applications/${application.id}`)).status).toBe(404);
    expect((await lina.get(`/api/applications/${application.id}`)).status).toBe(200);
    const twice = await liuyang.send('POST', `/api/applications/${application.id}/resubmit`, {
      values: values(customerId, { seats: 10 }),
    });
    expect(twice.status).toBe(404);

    const again = await zhangwei.send('POST', `/api/applications/${application.id}/resubmit`, {
      values: values(customerId, { seats: 10 }),
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const resent = applied.parse(again.body);
    expect(resent.approvalId).not.toBe(approvalId);
    expect(resent.application).toMatchObject({ status: 'pending', approvalId: resent.approvalId });
    const pending = await zhangwei.send('POST', `/api/applications/${application.id}/resubmit`, {
      values: values(customerId),
    });
    expect(pending.status).toBe(409);
    expect(pending.body.title).toBe('这份申请正在审批中，不能再次提交');
  });
});
