import { beforeAll, expect, test } from 'vitest';
import type { ChatMessage } from '../../src/sandbox/index.js';
import { useTestServer } from '../support/fixture.js';
import { sandboxOf, shownEverywhere } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { disableDemoRules, runFollowUpJob, shanghaiMorning, signIn } from './support.js';

// The morning's reminders fall due together, and the senders render the cards they send together
// with one read of all their tasks. Each rep must still get exactly the cards of their own tasks,
// each showing its own task and customer, once on each platform.

const t = useTestServer();
const reps = [
  { name: '张伟', wecom: 'ZhangWei' },
  { name: '刘洋', wecom: 'LiuYang' },
  { name: '陈静', wecom: 'ChenJing' },
];
const due = shanghaiMorning(2);
const tasks: { id: number; title: string; customer?: string; rep: (typeof reps)[number] }[] = [];

beforeAll(async () => {
  await disableDemoRules(t.db);
  for (const rep of reps) {
    const as = await signIn(t.server, t.db, rep.name);
    const customer = `${rep.name}负责的星河科技有限公司`;
    const created = await as('POST', '/api/customers', { kind: 'company', name: customer });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const customerId = created.body.customer?.id ?? created.body.id;
    for (let i = 1; i <= 3; i++) {
      const title = `${rep.name}的第${i}件事`;
      const withCustomer = i === 2;
      const res = await as('POST', '/api/tasks', {
        title,
        dueAt: new Date(due.getTime() + i * 60_000).toISOString(),
        ...(withCustomer ? { customerId } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      tasks.push({ id: res.body.id, title, rep, ...(withCustomer ? { customer } : {}) });
    }
  }
});

/** What Kelian sent on `platform` as a card about a task (its card ids start with the task's). */
const cardsAbout = (platform: 'wecom' | 'dingtalk', taskId: number): ChatMessage[] =>
  sandboxOf(t.server)
    .state.messages.list({ platform })
    .filter((m) => m.direction === 'out' && m.cardId?.startsWith(`task-${taskId}-`));

test('nine reminders due at once: one card per task on each platform, to its rep, showing that task', async () => {
  await runFollowUpJob(t.server, t.db, 'remind', new Date(due.getTime() + 10 * 60_000));
  await waitFor(
    async () => {
      const { rows } = await t.db.query<{ n: number }>(
        `select count(*)::int as n from card_instance where object_type = 'task' and object_id = any($1)`,
        [tasks.map((task) => String(task.id))],
      );
      return rows[0]!.n === tasks.length * 2 ? true : undefined;
    },
    30_000,
    'a card per task on each platform',
  );
  for (const task of tasks) {
    const wecom = cardsAbout('wecom', task.id);
    expect(wecom.map((m) => m.viewers)).toEqual([[task.rep.wecom]]);
    expect(cardsAbout('dingtalk', task.id)).toHaveLength(1);
    const copies = await shownEverywhere(t.server, t.db, 'task', task.id);
    expect(copies).toHaveLength(2);
    for (const shown of copies) {
      expect(shown).toContain(task.title);
      // No other task's title (a card built from a batchmate's task would show one).
      for (const other of tasks) if (other !== task) expect(shown).not.toContain(other.title);
      expect(shown).toContain(task.customer ?? '（无关联客户）');
    }
  }
});
