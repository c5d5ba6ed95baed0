// 催办 and 超时转交 with time advanced: a task pending the flow's remindAfterHours (24 in the demo)
// reminds its approver once with a card they can decide on, on WeCom and DingTalk; after
// escalateAfterHours (48) it is handed to the approver's manager, once, and everyone involved is
// told. Nothing for tasks decided or withdrawn meanwhile, only the latest stage after downtime,
// nothing at night. A run is placed in time by dating its tasks (they wait from their creation);
// the scan runs as of an instant, as the receivable reminders' tests run theirs.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approvalReminderJob } from '../../src/bot/approvals/reminder-jobs.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { runJob } from '../support/jobs.js';
import { sandboxOf } from '../support/sandbox.js';
import { copyOf, everyCopy, type Person, person, weComCopy } from './chat-support.js';
import { contractStatus, customerOf, draftContract, submit } from './support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Session;
let wang: Session;
let people: Record<'zhangwei' | 'lina' | 'wang' | 'xuming', Person>;
let customerId: number;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, lina, wang] = await Promise.all([crm.as('张伟'), crm.as('李娜'), crm.as('王建国')]);
  people = {
    zhangwei: await person(crm, '张伟'),
    lina: await person(crm, '李娜'),
    wang: await person(crm, '王建国'),
    xuming: await person(crm, '徐明'),
  };
  customerId = await customerOf(crm, '张伟');
});
afterAll(() => crm?.stop());

/** Runs the reminder scan as of `at` (an ISO instant). */
const scanAt = (at: string) => runJob(crm.server, crm.db, approvalReminderJob, { at });

/** A ¥300,000 contract of 张伟's (李娜 alone approves it), its tasks created at `at`. */
async function runCreatedAt(
  at: string,
  amountCents = 30_000_000,
): Promise<{ run: number; contract: number }> {
  const contract = await draftContract(zhangwei, customerId, amountCents);
  const run = await submit(zhangwei, contract.id);
  await crm.db.query('update approval_task set created_at = $2 where instance_id = $1', [run, at]);
  return { run, contract: contract.id };
}

/** The cards planned for the run whose copy variant starts with `variant` (`s0u3r`), per platform. */
async function planned(run: number, variant: string) {
  const { rows } = await crm.db.query<{ platform: string; card_id: string }>(
    `select platform, card_id from outbound_message
      where subject_type = 'approval' and subject_id = $1 and card_id like $2 order by id`,
    [run, `approval-${run}-${variant}%`],
  );
  return rows;
}

/** The texts planned for this person (their WeCom id) that mention `text`. */
async function textsTo(wecomUserId: string, text: string): Promise<string[]> {
  const { rows } = await crm.db.query<{ text: string }>(
    `select message ->> 'text' as text from outbound_message
      where platform = 'wecom' and message ->> 'text' like $1 and audience::text like $2 order by id`,
    [`%${text}%`, `%"${wecomUserId}"%`],
  );
  return rows.map((r) => r.text);
}

async function timeline(run: number) {
  const { rows } = await crm.db.query<{ action: string; actor: string | null; reason: string | null }>(
    `select a.action, u.name as actor, a.reason from approval_action a left join app_user u on u.id = a.actor_id
      where a.instance_id = $1 order by a.id`,
    [run],
  );
  return rows;
}

describe('the timer', () => {
  let first: { run: number; contract: number };

  test('24 hours after 10:00, 李娜 is reminded once on WeCom and DingTalk with a card she can decide on', async () => {
    // 2027-03-01 10:00 in Shanghai.
    first = await runCreatedAt('2027-03-01T02:00:00Z');
    const { run } = first;
    const reminder = `s0u${people.lina.id}r`;
    await scanAt('2027-03-02T01:59:00Z');
    expect(await planned(run, reminder)).toEqual([]);
    // Two scans at once, then a later one: still one reminder per platform.
    await Promise.all([scanAt('2027-03-02T04:00:00Z'), scanAt('2027-03-02T04:00:00Z')]);
    await scanAt('2027-03-02T05:00:00Z');
    const cards = await planned(run, reminder);
    expect(cards.map((c) => c.platform).sort()).toEqual(['dingtalk', 'wecom']);
    expect(cards.every((c) => c.card_id.startsWith(`approval-${run}-${reminder}26-`))).toBe(true);

    const wecom = await copyOf(crm, run, 'wecom', `${reminder}26`);
    const shown = weComCopy(crm, wecom, people.lina.wecom);
    for (const part of [
      '催办：张伟 的合同 ¥300,000.00 已等待 26 小时',
      `approval.approve:${run}:0`,
      '驳回',
      '打开',
    ])
      expect(shown).toContain(part);
    const dingtalk = await copyOf(crm, run, 'dingtalk', `${reminder}26`);
    const params = JSON.stringify(sandboxOf(crm.server).state.dingtalk.cards.views(dingtalk));
    expect(params).toContain('催办：张伟 的合同 ¥300,000.00 已等待 26 小时');
    expect(params).toContain(`approval.approve:${run}:0`);
    expect(await timeline(run)).toEqual([
      { action: 'submit', actor: '张伟', reason: null },
      { action: 'remind', actor: null, reason: null },
    ]);
  });

  test('李娜 approves on the reminder card: every copy says so, and 48 hours hand nothing on', async () => {
    const { run, contract } = first;
    const card = await copyOf(crm, run, 'wecom', `s0u${people.lina.id}r26`);
    await sandboxOf(crm.server).actions.clickWeComCard({
      user: people.lina.wecom,
      taskId: card,
      key: `approval.approve:${run}:0`,
    });
    await everyCopy(crm, run, 4, (c) => c.includes('审批通过') && !c.includes('approval.approve'));
    expect(await contractStatus(crm, contract)).toBe('active');
    await scanAt('2027-03-03T04:00:00Z');
    expect(await planned(run, `s0u${people.wang.id}`)).toEqual([]);
    expect((await timeline(run)).map((a) => a.action)).toEqual(['submit', 'remind', 'approve']);
  });

  test('no reminder for a task decided, withdrawn or transferred before its time', async () => {
    const decided = await runCreatedAt('2027-03-01T02:00:00Z');
    const withdrawn = await runCreatedAt('2027-03-01T02:00:00Z');
    const transferred = await runCreatedAt('2027-03-01T02:00:00Z');
    expect(
      (await lina.send('POST', `/api/approvals/${decided.run}/reject`, { reason: '金额有误' })).status,
    ).toBe(200);
    expect((await zhangwei.send('POST', `/api/approvals/${withdrawn.run}/withdraw`)).status).toBe(200);
    const liuyang = await person(crm, '刘洋');
    const handed = await lina.send('POST', `/api/approvals/${transferred.run}/transfer`, {
      toUserId: liuyang.id,
    });
    expect(handed.status).toBe(200);
    // 刘洋's task, handed to him at 20:00 that day, waits from then.
    await crm.db.query(
      `update approval_task set created_at = '2027-03-01T12:00:00Z' where instance_id = $1 and status = 'pending'`,
      [transferred.run],
    );
    await scanAt('2027-03-02T04:00:00Z');
    expect(await planned(transferred.run, `s0u${people.lina.id}r`)).toEqual([]);
    expect(await planned(transferred.run, `s0u${liuyang.id}r`)).toEqual([]);
    // 刘洋 is reminded in his own time: 24 hours after 20:00 is night, so at 09:00 the next day.
    await scanAt('2027-03-03T01:00:00Z');
    expect(await planned(transferred.run, `s0u${liuyang.id}r37`)).toHaveLength(2);
    await scanAt('2027-03-03T04:00:00Z');
    for (const { run } of [decided, withdrawn]) {
      expect(await planned(run, `s0u${people.lina.id}r`)).toEqual([]);
      expect(await planned(run, `s0u${people.wang.id}`)).toEqual([]);
      expect((await timeline(run)).map((a) => a.action)).not.toContain('remind');
    }
  });

  test('found 49 hours old after downtime: handed to 王建国 (李娜’s manager) only, and everyone is told', async () => {
    const { run, contract } = await runCreatedAt('2027-03-01T02:00:00Z');
    await Promise.all([scanAt('2027-03-03T03:00:00Z'), scanAt('2027-03-03T03:00:00Z')]);
    await scanAt('2027-03-03T05:00:00Z');
    // The latest stage only: no reminder to 李娜 first.
    expect(await planned(run, `s0u${people.lina.id}r`)).toEqual([]);
    const { rows: tasks } = await crm.db.query<{ approver: string; status: string }>(
      `select u.name as approver, t.status from approval_task t join app_user u on u.id = t.approver_id
        where t.instance_id = $1 order by t.id`,
      [run],
    );
    expect(tasks).toEqual([
      { approver: '李娜', status: 'transferred' },
      { approver: '王建国', status: 'pending' },
    ]);
    expect((await timeline(run)).at(-1)).toEqual({
      action: 'transfer',
      actor: null,
      reason: '超时 48 小时，系统转交给 王建国',
    });
    const { rows: audit } = await crm.db.query<{ actor_id: number | null; via: string; changes: object }>(
      `select actor_id, via, changes from audit_log where object_type = 'approval' and object_id = $1`,
      [String(run)],
    );
    expect(audit).toEqual([
      {
        actor_id: null,
        via: 'timer',
        changes: {
          step1: { before: '李娜', after: '王建国' },
          reason: { before: null, after: '超时 48 小时，系统转交给 王建国' },
        },
      },
    ]);
    // 王建国 gets the card to decide on; 李娜's copies say it went to him.
    const card = await copyOf(crm, run, 'wecom', `s0u${people.wang.id}`);
    expect(weComCopy(crm, card, people.wang.wecom)).toContain(`approval.approve:${run}:0`);
    await everyCopy(crm, run, 5, (c) => c.includes('等待 王建国'));
    const title = `超过 48 小时`;
    expect(await textsTo(people.lina.wecom, title)).toHaveLength(1);
    expect(await textsTo(people.wang.wecom, title)).toEqual([
      expect.stringMatching(/^李娜 超过 48 小时未处理「.+」（销售主管审批），系统已转交给你审批。$/),
    ]);
    expect(await textsTo(people.zhangwei.wecom, title)).toEqual([
      expect.stringMatching(
        /^你提交的「.+」在「销售主管审批」等待 李娜 超过 48 小时，系统已转交给 王建国。$/,
      ),
    ]);

    // 李娜 can no longer decide; 王建国 can.
    const late = await lina.send('POST', `/api/approvals/${run}/approve`, {});
    expect(late.status).toBe(403);
    expect(late.body.title).toBe('你不是这一步的审批人');
    expect((await wang.send('POST', `/api/approvals/${run}/approve`, {})).status).toBe(200);
    expect(await contractStatus(crm, contract)).toBe('active');
  });

  test('night: due at 22:00, the reminder waits for 09:00', async () => {
    // 2027-03-01 22:00 in Shanghai: due 2027-03-02 22:00.
    const { run } = await runCreatedAt('2027-03-01T14:00:00Z');
    const reminder = `s0u${people.lina.id}r`;
    await scanAt('2027-03-02T14:10:00Z');
    await scanAt('2027-03-03T00:59:00Z');
    expect(await planned(run, reminder)).toEqual([]);
    await scanAt('2027-03-03T01:00:00Z');
    const cards = await planned(run, reminder);
    expect(cards.map((c) => c.platform).sort()).toEqual(['dingtalk', 'wecom']);
    // 22:00 to 09:00 the day after next: 35 hours waited when the reminder goes out.
    expect(cards[0]!.card_id).toContain(`${reminder}35-`);
  });
});

describe('a flow of its own hours', () => {
  test('王建国 (no manager) reminded after 2 hours, handed to 徐明 (an administrator) after 4', async () => {
    const saved = await wang.send('POST', '/api/approval-flows/contract', {
      name: '总经理审批',
      onNoApprover: 'admin',
      remindAfterHours: 2,
      escalateAfterHours: 4,
      definition: {
        start: 'gm',
        nodes: [
          {
            id: 'gm',
            kind: 'approve',
            name: '总经理审批',
            approvers: { type: 'user', userIds: [people.wang.id] },
            mode: 'any',
            next: null,
          },
        ],
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ remindAfterHours: 2, escalateAfterHours: 4 });
    const { run } = await runCreatedAt('2027-04-01T02:00:00Z');
    await scanAt('2027-04-01T05:00:00Z');
    expect((await planned(run, `s0u${people.wang.id}r`)).map((c) => c.card_id)).toEqual([
      expect.stringContaining(`s0u${people.wang.id}r3-`),
      expect.stringContaining(`s0u${people.wang.id}r3-`),
    ]);
    await scanAt('2027-04-01T06:30:00Z');
    expect((await timeline(run)).at(-1)).toEqual({
      action: 'transfer',
      actor: null,
      reason: '超时 4 小时，系统转交给 徐明',
    });
    await copyOf(crm, run, 'wecom', `s0u${people.xuming.id}`);
  });
});

describe('flow validation', () => {
  const flowWith = (hours: Record<string, unknown>) => ({
    name: '合同审批',
    onNoApprover: 'admin',
    definition: {
      start: 'm',
      nodes: [
        {
          id: 'm',
          kind: 'approve',
          name: '主管审批',
          approvers: { type: 'manager', level: 1 },
          mode: 'any',
          next: null,
        },
      ],
    },
    ...hours,
  });

  test.each([
    [{ remindAfterHours: 0 }, 'flow-remind-invalid', '催办时间应为 1 到 720 之间的整数小时（收到的是 0）'],
    [
      { remindAfterHours: 1.5 },
      'flow-remind-invalid',
      '催办时间应为 1 到 720 之间的整数小时（收到的是 1.5）',
    ],
    [
      { remindAfterHours: 24, escalateAfterHours: 24 },
      'flow-escalate-invalid',
      '超时转交时间应为 1 到 720 之间的整数小时，且要晚于催办时间 24 小时（收到的是 24）',
    ],
    [
      { remindAfterHours: 24, escalateAfterHours: 1000 },
      'flow-escalate-invalid',
      '超时转交时间应为 1 到 720 之间的整数小时，且要晚于催办时间 24 小时（收到的是 1000）',
    ],
    [{ escalateAfterHours: '两天' }, 'invalid-request', '请求内容有误，请检查标出的字段'],
  ])('%j is refused on validate and on save; nothing is written', async (hours, type, title) => {
    const before = (await crm.db.query('select count(*)::int as n from approval_flow')).rows[0].n;
    for (const path of ['/api/approval-flows/contract/validate', '/api/approval-flows/contract']) {
      const res = await wang.send('POST', path, flowWith(hours));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ type: `urn:kelian:problem:${type}`, title });
    }
    expect((await crm.db.query('select count(*)::int as n from approval_flow')).rows[0].n).toBe(before);
  });

  test('escalation may be switched off (null); defaults are 24 and 48', async () => {
    // (The flow saved here, 李娜 approving 张伟's contracts, is the one the next tests use.)
    const off = await wang.send(
      'POST',
      '/api/approval-flows/contract',
      flowWith({ escalateAfterHours: null }),
    );
    expect(off.status, JSON.stringify(off.body)).toBe(201);
    const stored = async () =>
      (
        await crm.db.query(
          `select remind_after_hours, escalate_after_hours from approval_flow where doc_type = 'contract' order by version desc limit 1`,
        )
      ).rows[0];
    expect(await stored()).toEqual({ remind_after_hours: 24, escalate_after_hours: null });
    const saved = await wang.send('POST', '/api/approval-flows/contract', flowWith({}));
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ remindAfterHours: 24, escalateAfterHours: 48 });
    expect(await stored()).toEqual({ remind_after_hours: 24, escalate_after_hours: 48 });
  });
});

describe('催办 by the submitter', () => {
  test('once an hour per approver: a second press is refused in Chinese, others may not press at all', async () => {
    const contract = await draftContract(zhangwei, customerId, 30_000_000);
    const run = await submit(zhangwei, contract.id);
    const pressed = await zhangwei.send('POST', `/api/approvals/${run}/remind`);
    expect(pressed.status, JSON.stringify(pressed.body)).toBe(200);
    expect(pressed.body.timeline.at(-1)).toMatchObject({ action: 'remind', actor: { name: '张伟' } });
    const card = await copyOf(crm, run, 'wecom', `s0u${people.lina.id}m0`);
    const shown = weComCopy(crm, card, people.lina.wecom);
    expect(shown).toContain('张伟 催办：合同 ¥300,000.00 已等待不到 1 小时');
    expect(shown).toContain(`approval.approve:${run}:0`);

    const again = await zhangwei.send('POST', `/api/approvals/${run}/remind`);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('urn:kelian:problem:approval-remind-too-soon');
    expect(again.body.title).toMatch(/^已催办过，每个审批人 1 小时内只能催办一次，请在 (60|59) 分钟后再试$/);
    expect(await planned(run, `s0u${people.lina.id}m`)).toHaveLength(2);

    const notSubmitter = await lina.send('POST', `/api/approvals/${run}/remind`);
    expect(notSubmitter.status).toBe(403);
    expect(notSubmitter.body.title).toBe('只有发起人可以催办');

    // An hour later, 催办 goes through again.
    await crm.db.query(
      `update approval_action set at = at - interval '61 minutes' where instance_id = $1 and action = 'remind'`,
      [run],
    );
    expect((await zhangwei.send('POST', `/api/approvals/${run}/remind`)).status).toBe(200);
    expect(await planned(run, `s0u${people.lina.id}m`)).toHaveLength(4);

    // Not once the run has ended.
    expect((await lina.send('POST', `/api/approvals/${run}/approve`, {})).status).toBe(200);
    const ended = await zhangwei.send('POST', `/api/approvals/${run}/remind`);
    expect(ended.status).toBe(409);
    expect(ended.body.type).toBe('urn:kelian:problem:approval-closed');
  });
});
