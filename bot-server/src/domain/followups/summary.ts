import { FiringSchema, type Task, TaskSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Messenger } from '../notify/messenger.js';
import { claimFiring } from './firings.js';
import { addDays, atLocalHour, localDate, morningHour } from './local-time.js';
import { taskLines } from './task-text.js';

// The morning summary: at 09:00 (display time zone) everyone with open tasks due that day (or
// overdue) gets one message listing them. The first scan at or after 09:00 sends it, so a server
// that was down at 09:00 sends it when it is back. `summary:<date>` marks the day as done;
// `summary:<date>:<userId>` makes each person's message go out once across instances.

export async function sendMorningSummaries(
  em: EntityManager,
  now: Date,
  timeZone: string,
  messenger: Messenger,
): Promise<number> {
  const today = localDate(now, timeZone);
  if (now < atLocalHour(today, morningHour, timeZone)) return 0;
  const dayKey = `summary:${today}`;
  if (await em.fork().findOne(FiringSchema, { key: dayKey })) return 0;
  const endOfToday = atLocalHour(addDays(today, 1), 0, timeZone);
  // How many each person has, counted in the database; then each person's first few, read when their
  // message is written: a company's open tasks are far more than one scan should hold at once.
  const due = { status: 'open', dueAt: { $lt: endOfToday } } as const;
  const counts = await em.fork().execute<{ assignee: number; count: string }[]>(
    `select t.assignee_id as assignee, count(*) as count from task t join app_user u on u.id = t.assignee_id
      where t.status = 'open' and t.due_at < ? and u.active group by t.assignee_id`,
    [endOfToday],
  );
  let sent = 0;
  for (const { assignee: userId, count } of counts) {
    const did = await em.fork().transactional(async (tx) => {
      if (!(await claimFiring(tx, `${dayKey}:${userId}`))) return false;
      const first = await tx.find(
        TaskSchema,
        { ...due, assignee: userId },
        {
          populate: ['customer', 'lead', 'opportunity.customer'],
          orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
          limit: listed,
        },
      );
      await messenger.tell(tx, [userId], summaryText(first, Number(count), now, timeZone));
      return true;
    });
    if (did) sent += 1;
  }
  await em.fork().transactional((tx) => claimFiring(tx, dayKey));
  return sent;
}

/** Lines a summary lists; a longer list ends in how many more (a chat message has a size limit). */
const listed = 10;

function summaryText(first: Task[], count: number, now: Date, timeZone: string): string {
  const more = count > first.length ? `\n……还有 ${count - first.length} 项` : '';
  const lines = taskLines(first, now, timeZone);
  return `早上好！你今天有 ${count} 项待办：\n${lines}${more}\n发送「待办」随时查看，完成后在提醒卡片上点「完成」。`;
}
