import type { Task } from '@kelian/orm';
import { localDateTimeLabel } from './local-time.js';

/** What `taskSubject` reads of a task (a task card loads no more). */
export interface TaskAbout {
  customer?: { name: string } | null;
  opportunity?: { customer: { name: string } } | null;
  lead?: { company: string } | null;
}

/** What a task is about, for lists and cards: the customer (or the deal's customer, or the lead). */
export const taskSubject = (task: TaskAbout): string | undefined =>
  task.customer?.name ?? task.opportunity?.customer.name ?? task.lead?.company;

/** One line per task: `1. 回访 · 华为技术有限公司 · 12-08 09:00（已逾期）`. */
export function taskLines(tasks: Task[], now: Date, timeZone: string): string {
  return tasks
    .map((t, i) => {
      const about = taskSubject(t);
      const late = t.dueAt < now ? '（已逾期）' : '';
      return `${i + 1}. ${t.title}${about ? ` · ${about}` : ''} · ${localDateTimeLabel(t.dueAt, timeZone)}${late}`;
    })
    .join('\n');
}
