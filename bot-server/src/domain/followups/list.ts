import { type Task, TaskSchema } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { addDays, atLocalHour, localDate } from './local-time.js';
import { taskScope } from './scope.js';
import { taskPopulate } from './tasks.js';

export const taskViews = ['today', 'open', 'overdue', 'done'] as const;
export type TaskView = (typeof taskViews)[number];

export interface TaskListQuery {
  view: TaskView;
  limit: number;
  /** Someone else's tasks (a manager's look at their team); default: mine. */
  assigneeId?: number;
  /** Position after which the page starts (see `next`). */
  after?: { at: string; id: number };
}

/**
 * My tasks: `today` is everything open due by the end of today (overdue included, which is what a
 * person has to do today), `open` all open ones, `overdue` the open ones past due, `done` the
 * finished ones, newest first. Open lists run by due time.
 */
export async function listTasks(
  em: EntityManager,
  acting: Acting,
  query: TaskListQuery,
  timeZone: string,
  now = new Date(),
) {
  const endOfToday = atLocalHour(addDays(localDate(now, timeZone), 1), 0, timeZone);
  const views: Record<TaskView, FilterQuery<Task>> = {
    today: { status: 'open', dueAt: { $lt: endOfToday } },
    open: { status: 'open' },
    overdue: { status: 'open', dueAt: { $lt: now } },
    done: { status: 'done' },
  };
  const done = query.view === 'done';
  const key = done ? 'doneAt' : 'dueAt';
  const after = query.after && new Date(query.after.at);
  const page = await em.find(
    TaskSchema,
    {
      $and: [
        taskScope(acting.access),
        { assignee: query.assigneeId ?? acting.user.id },
        views[query.view],
        after
          ? done
            ? { $or: [{ doneAt: { $lt: after } }, { doneAt: after, id: { $gt: query.after!.id } }] }
            : { $or: [{ dueAt: { $gt: after } }, { dueAt: after, id: { $gt: query.after!.id } }] }
          : {},
      ],
    },
    {
      populate: taskPopulate,
      orderBy: [{ [key]: done ? 'desc' : 'asc' }, { id: 'asc' }],
      limit: query.limit + 1,
    },
  );
  const tasks = page.slice(0, query.limit);
  const last = tasks.at(-1);
  const next =
    page.length > query.limit && last
      ? { at: (done ? last.doneAt! : last.dueAt).toISOString(), id: last.id }
      : null;
  return { tasks, next };
}
