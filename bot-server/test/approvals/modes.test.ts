// The modes and sources of a step, on the real server: continuous managers one after another, 会签
// (everyone), a CC step, a step that finds nobody passing by itself, and a rejection in 会签 ending
// the others' tasks.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { approvalDetail, boxPage } from '../../src/api/approvals/schemas.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import {
  cardsTo,
  contractStatus,
  customerOf,
  draftContract,
  lastMessageId,
  shownTo,
  submit,
} from './support.js';

let crm: Crm;
let s: Record<string, Session>;
beforeAll(async () => {
  crm = await startCrm();
  const names = ['张伟', '李娜', '王建国', '罗娟', '梁宇', '马超'];
  s = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await crm.as(n)] as const)));
  const saved = await who('王建国').send('POST', '/api/approval-flows/contract', {
    name: '各种模式',
    onNoApprover: 'auto_pass',
    definition: {
      start: 'chain',
      nodes: [
        {
          id: 'chain',
          kind: 'approve',
          name: '逐级主管',
          approvers: { type: 'manager_chain', upTo: 2 },
          mode: 'sequential',
          next: 'nobody',
        },
        {
          id: 'nobody',
          kind: 'approve',
          name: '无人角色',
          approvers: { type: 'role', role: 'nobody-holds-this' },
          mode: 'any',
          next: 'cc',
        },
        {
          id: 'cc',
          kind: 'cc',
          name: '抄送采购',
          approvers: { type: 'role', role: 'procurement' },
          next: 'finance',
        },
        {
          id: 'finance',
          kind: 'approve',
          name: '财务会签',
          approvers: { type: 'role', role: 'finance' },
          mode: 'all',
          next: null,
        },
      ],
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
});
afterAll(() => crm?.stop());

const who = (name: string): Session => s[name] as Session;

const approve = async (name: string, id: number) => {
  const res = await who(name).send('POST', `/api/approvals/${id}/approve`, {});
  expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(200);
  return approvalDetail.parse(res.body);
};
const pending = async (name: string) =>
  boxPage.parse((await who(name).get('/api/approvals?box=pending')).body).items.map((i) => i.id);

test('managers one after another, nobody passed, CC told, finance all; then 已生效', async () => {
  const contract = await draftContract(who('张伟'), await customerOf(crm, '张伟'), 1_000_000);
  const before = await lastMessageId(crm);
  const id = await submit(who('张伟'), contract.id);
  // Sequential: 王建国 waits until 李娜 has approved.
  expect(await pending('李娜')).toContain(id);
  expect(await pending('王建国')).not.toContain(id);
  const early = await who('王建国').send('POST', `/api/approvals/${id}/approve`, {});
  expect(early.status).toBe(403);
  await approve('李娜', id);
  expect(await pending('王建国')).toContain(id);
  let run = await approve('王建国', id);
  // The step nobody holds passed by itself; procurement was copied; finance both decide.
  expect(
    run.steps.map((st) => [
      st.name,
      st.fallback ?? null,
      st.tasks.map((t) => `${t.approver.name}:${t.status}`),
    ]),
  ).toEqual([
    ['逐级主管', null, ['李娜:approved', '王建国:approved']],
    ['无人角色', 'auto_pass', []],
    ['抄送采购', null, ['马超:notified', '朱丽:notified']],
    ['财务会签', null, ['罗娟:pending', '梁宇:pending']],
  ]);
  expect(run.timeline.map((a) => a.action)).toEqual(['submit', 'approve', 'approve', 'auto_pass', 'cc']);
  expect(
    boxPage.parse((await who('马超').get('/api/approvals?box=cc')).body).items.map((i) => i.id),
  ).toContain(id);
  expect(await cardsTo(crm, 'MaChao', before)).toEqual(['cc']);
  expect(await shownTo(crm, 'MaChao', id, '张伟 提交')).toContain('查看进度');
  run = await approve('罗娟', id);
  expect(run.status).toBe('pending');
  expect(await contractStatus(crm, contract.id)).toBe('pending');
  run = await approve('梁宇', id);
  expect(run.status).toBe('approved');
  expect(await contractStatus(crm, contract.id)).toBe('active');
});

test('a rejection in 会签 ends the other approver’s task and tells them', async () => {
  const contract = await draftContract(who('张伟'), await customerOf(crm, '张伟'), 1_000_000);
  const id = await submit(who('张伟'), contract.id);
  await approve('李娜', id);
  await approve('王建国', id);
  const res = await who('罗娟').send('POST', `/api/approvals/${id}/reject`, { reason: '缺少盖章扫描件' });
  expect(res.status).toBe(200);
  const run = approvalDetail.parse(res.body);
  expect(run.steps[3]!.tasks.map((t) => t.status)).toEqual(['rejected', 'cancelled']);
  expect(await contractStatus(crm, contract.id)).toBe('draft');
  // 梁宇's copy no longer offers 同意 / 驳回: it says who rejected it and why.
  const shown = await shownTo(crm, 'LiangYu', id, '罗娟 已驳回：缺少盖章扫描件');
  expect(shown).not.toContain('approval.approve');
  const late = await who('梁宇').send('POST', `/api/approvals/${id}/approve`, {});
  expect(late.body.type).toBe('urn:kelian:problem:approval-closed');
});
