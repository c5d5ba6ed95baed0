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
  const tasks = await em
    .fork()
    .find(
      TaskSchema,
      { status: 'open', dueAt: { $lt: endOfToday }, assignee: { active: true } },
      { populate: ['customer', 'lead', 'opportunity.customer'], orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] },
    );
  const byUser = new Map<number, Task[]>();
  for (const task of tasks) byUser.set(task.assignee.id, [...(byUser.get(task.assignee.id) ?? []), task]);
  let sent = 0;
  for (const [userId, mine] of byUser) {
    const did = await em.fork().transactional(async (tx) => {
      if (!(await claimFiring(tx, `${dayKey}:${userId}`))) return false;
      await messenger.tell(tx, [userId], summaryText(mine, now, timeZone));
      return true;
    });
    if (did) sent += 1;
  }
  await em.fork().transactional((tx) => claimFiring(tx, dayKey));
  return sent;
}

/** Lines a summary lists; a longer list ends in how many more (a chat message has a size limit). */
const listed = 10;

function summaryText(tasks: Task[], now: Date, timeZone: string): string {
  const more = tasks.length > listed ? `\n……还有 ${tasks.length - listed} 项` : '';
  const lines = taskLines(tasks.slice(0, listed), now, timeZone);
  return `早上好！你今天有 ${tasks.length} 项待办：\n${lines}${more}\n发送「待办」随时查看，完成后在提醒卡片上点「完成」。`;
}
