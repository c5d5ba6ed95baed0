// Approval tasks in the approvers' DingTalk 待办 (platform-additions §5), as the sandbox's DingTalk
// shows them: 张伟's ¥600,000 contract puts a 待办 in 李娜's list; a decision on a card or in the
// mini-app, a transfer, a withdrawal or an or-sign sibling's decision marks it done; a DingTalk
// outage delays the 待办 and still makes exactly one; a create DingTalk accepted but never answered
// is not made twice.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SandboxTodo } from '../../src/sandbox/dingtalk/todos.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { armedSwitches, armSwitch, sandboxOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { contractFlowPeople, copyOf, type Person, peopleNamed } from './chat-support.js';
import { customerOf, draftContract, submit } from './support.js';

let crm: Crm;
let zhangwei: Session;
let people: Record<'zhangwei' | 'lina' | 'luojuan' | 'liangyu' | 'wang' | 'xuming', Person>;
beforeAll(async () => {
  crm = await startCrm();
  zhangwei = await crm.as('张伟');
  people = await peopleNamed(crm, { ...contractFlowPeople, xuming: '徐明' });
});
afterAll(() => crm?.stop());

const sandbox = () => sandboxOf(crm.server);
const unionIdOf = (who: Person) => sandbox().state.org.personByDingTalk(who.dingtalk)!.dingtalk.unionid;
/** Everything in this person's DingTalk 待办 (as executor), newest first. */
const todosOf = (who: Person) => sandbox().state.dingtalk.todos.of(unionIdOf(who));

/** Every 待办 anyone has that opens this run's page. */
const todosOfRun = (run: number) =>
  sandbox()
    .state.org.people.flatMap((p) => sandbox().state.dingtalk.todos.of(p.dingtalk.unionid))
    .filter((t) => new URL(t.detailUrl.appUrl ?? 'x:').searchParams.get('url')?.endsWith(`?id=${run}`));

/** The id of this person's task on the run's step. */
async function taskOf(run: number, who: Person, step: number): Promise<number> {
  const { rows } = await crm.db.query<{ id: number }>(
    'select id from approval_task where instance_id = $1 and approver_id = $2 and step = $3 order by id desc limit 1',
    [run, who.id, step],
  );
  expect(rows, `${who.dingtalk}'s task on step ${step} of run ${run}`).toHaveLength(1);
  return rows[0]!.id;
}

/** The 待办 of one approval task in its approver's list, once it is there (and, if asked, done). */
function todoOf(who: Person, taskId: number, done?: boolean): Promise<SandboxTodo> {
  return waitFor(
    async () => {
      const mine = todosOf(who).filter((t) => t.sourceId === `kelian:approval-task:${taskId}`);
      expect(mine.length, 'one 待办 per approval task').toBeLessThanOrEqual(1);
      const todo = mine[0];
      return todo && (done === undefined || todo.done === done) ? todo : undefined;
    },
    30_000,
    `${who.dingtalk}'s 待办 of task ${taskId}${done === undefined ? '' : done ? ' done' : ' open'}`,
  );
}

/** What Kelian recorded about the 待办 of an approval task, once it says `state`. */
async function recorded(taskId: number, state: 'open' | 'done') {
  return waitFor(
    async () => {
      const { rows } = await crm.db.query<{ todo_id: string | null; state: string; union_id: string }>(
        'select todo_id, state, union_id from approval_todo where task_id = $1',
        [taskId],
      );
      return rows[0]?.state === state ? rows[0] : undefined;
    },
    15_000,
    `Kelian recording the 待办 of task ${taskId} as ${state}`,
  );
}

const createApi = 'v1.0/todo/users/{unionId}/tasks';

async function submitted(amountCents: number) {
  const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), amountCents);
  return { contract, run: await submit(zhangwei, contract.id) };
}

describe('a ¥600,000 contract in the approvers’ DingTalk 待办', () => {
  let run: number;
  let number: string;

  test('李娜 gets a 待办 saying whose contract and how much, opening the approval in the mini-app', async () => {
    const { contract, run: id } = await submitted(60_000_000);
    run = id;
    number = contract.number;
    const task = await taskOf(run, people.lina, 0);
    const todo = await todoOf(people.lina, task, false);
    expect(todo.subject).toBe('审批：张伟 的合同 ¥600,000.00');
    for (const figure of [
      '合同金额：¥600,000.00',
      `合同编号：${number}`,
      '合同期限：2027-01-01 至 2027-12-31',
      '第 1 步',
    ])
      expect(todo.description).toContain(figure);
    expect(todo.executorIds).toEqual([unionIdOf(people.lina)]);
    expect(todo.isOnlyShowExecutor).toBe(true);
    // Opened inside DingTalk, on the run's page of the mini-app.
    for (const link of [todo.detailUrl.appUrl, todo.detailUrl.pcUrl]) {
      expect(link).toMatch(/^dingtalk:\/\/dingtalkclient\/page\/link\?url=/);
      expect(new URL(link!).searchParams.get('url')).toMatch(
        new RegExp(`/app/pages/approvals/detail\\?id=${run}$`),
      );
    }
    expect(await recorded(task, 'open')).toEqual({
      todo_id: todo.id,
      state: 'open',
      union_id: unionIdOf(people.lina),
    });
    // Nobody else has one yet: finance is asked after her.
    expect(todosOfRun(run)).toEqual([todo]);
  });

  test('李娜 approves on her DingTalk card: hers is done, 罗娟 and 梁宇 (或签) get theirs', async () => {
    const { lina, luojuan, liangyu } = people;
    const card = await copyOf(crm, run, 'dingtalk', `s0u${lina.id}`);
    await sandbox().actions.clickDingTalkCard({
      user: lina.dingtalk,
      outTrackId: card,
      action: `approval.approve:${run}:0`,
    });
    const done = await todoOf(lina, await taskOf(run, lina, 0), true);
    expect(done.finishTime).not.toBeNull();
    for (const who of [luojuan, liangyu]) {
      const todo = await todoOf(who, await taskOf(run, who, 1), false);
      expect(todo.description).toContain('第 2 步');
    }
  });

  test('罗娟 approves in the mini-app: hers and 梁宇’s (decided by her) are done, 王建国 gets one', async () => {
    const { luojuan, liangyu, wang } = people;
    const res = await (await crm.as('罗娟')).send('POST', `/api/approvals/${run}/approve`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await todoOf(luojuan, await taskOf(run, luojuan, 1), true);
    await todoOf(liangyu, await taskOf(run, liangyu, 1), true);
    await todoOf(wang, await taskOf(run, wang, 2), false);
  });

  test('王建国 hands it to 徐明 (转交): his is done, 徐明 gets a new one; 徐明’s rejection marks it done', async () => {
    const { wang, xuming } = people;
    const before = await taskOf(run, wang, 2);
    const res = await (await crm.as('王建国')).send('POST', `/api/approvals/${run}/transfer`, {
      toUserId: xuming.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await todoOf(wang, before, true);
    const handed = await taskOf(run, xuming, 2);
    const todo = await todoOf(xuming, handed, false);
    expect(todo.subject).toBe('审批：张伟 的合同 ¥600,000.00');

    const rejected = await (await crm.as('徐明')).send('POST', `/api/approvals/${run}/reject`, {
      reason: '付款条件需再谈',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    await todoOf(xuming, handed, true);
    // Every 待办 of the run is done, one per task, and Kelian knows each as done (once it has
    // recorded DingTalk's answer).
    const states = async () => {
      const { rows } = await crm.db.query<{ state: string }>(
        `select o.state from approval_todo o join approval_task t on t.id = o.task_id where t.instance_id = $1`,
        [run],
      );
      return rows.map((r) => r.state);
    };
    await waitFor(
      async () => ((await states()).every((s) => s === 'done') ? true : undefined),
      15_000,
      'all recorded done',
    );
    expect(await states()).toEqual(['done', 'done', 'done', 'done', 'done']);
    const shown = todosOfRun(run);
    expect(shown).toHaveLength(5);
    expect(shown.every((t) => t.done)).toBe(true);
  });
});

describe('withdrawn, delayed, repeated', () => {
  test('张伟 withdraws: 李娜’s 待办 is done', async () => {
    const { run } = await submitted(10_000_000);
    const task = await taskOf(run, people.lina, 0);
    await todoOf(people.lina, task, false);
    const res = await zhangwei.send('POST', `/api/approvals/${run}/withdraw`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const todo = await todoOf(people.lina, task, true);
    expect((await recorded(task, 'done')).todo_id).toBe(todo.id);
  });

  test('DingTalk down while the contract is submitted: the 待办 comes once it is back, exactly one', {
    timeout: 90_000,
  }, async () => {
    // More failures than the client's own retries: the job's retry has to wait it out.
    await armSwitch(crm.server, { platform: 'dingtalk', api: createApi, times: 7, failure: 'busy' });
    const { run } = await submitted(20_000_000);
    const task = await taskOf(run, people.lina, 0);
    const todo = await todoOf(people.lina, task, false);
    expect(await armedSwitches(crm.server)).toEqual([]);
    expect((await recorded(task, 'open')).todo_id).toBe(todo.id);
    expect(todosOfRun(run)).toEqual([todo]);
  });

  test('DingTalk makes the 待办 but its answer never arrives: the retry finds it, no second one', {
    timeout: 90_000,
  }, async () => {
    // Slower than the client's 10 s timeout: the create goes through after Kelian gave up on it.
    await armSwitch(crm.server, { platform: 'dingtalk', api: createApi, times: 1, latencyMs: 10_300 });
    const { run } = await submitted(30_000_000);
    const task = await taskOf(run, people.lina, 0);
    const todo = await todoOf(people.lina, task, false);
    // The retry's create was "task exist": Kelian looked the 待办 up and holds DingTalk's id of it.
    expect((await recorded(task, 'open')).todo_id).toBe(todo.id);
    expect(todosOfRun(run)).toEqual([todo]);
    // And that one is the one marked done.
    const res = await (await crm.as('李娜')).send('POST', `/api/approvals/${run}/approve`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await todoOf(people.lina, task, true)).id).toBe(todo.id);
  });
});
