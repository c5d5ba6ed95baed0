import {
  type ApprovalInstance,
  ApprovalInstanceSchema,
  ApprovalTaskSchema,
  type ApprovalTaskStatus,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';

// A person's approval boxes, newest first, as keyset pages on indexed orders: 待我审批, 抄送我 and
// 已处理 read their tasks by (approver, status, id), 我发起的 their runs by (submitter, id); a page
// after `after` starts below that id, so the thousandth page costs what the first does.

export const approvalBoxes = ['pending', 'mine', 'cc', 'done'] as const;
export type ApprovalBox = (typeof approvalBoxes)[number];

const taskStatuses: Record<Exclude<ApprovalBox, 'mine'>, ApprovalTaskStatus[]> = {
  pending: ['pending'],
  cc: ['notified'],
  done: ['approved', 'rejected', 'transferred'],
};

export interface BoxItem {
  /** The task's id in the task boxes, the run's in 我发起的: the key of the page. */
  key: number;
  taskId: number | null;
  run: ApprovalInstance;
}

export interface BoxPage {
  items: BoxItem[];
  next: number | null;
}

export async function listBox(
  em: EntityManager,
  acting: Acting,
  box: ApprovalBox,
  page: { limit: number; after?: number | undefined },
): Promise<BoxPage> {
  const below = page.after === undefined ? {} : { id: { $lt: page.after } };
  const take = page.limit + 1;
  let items: BoxItem[];
  if (box === 'mine') {
    const runs = await em.find(
      ApprovalInstanceSchema,
      { submitter: acting.user.id, ...below },
      { orderBy: { id: 'desc' }, limit: take, populate: ['submitter'] },
    );
    items = runs.map((run) => ({ key: run.id, taskId: null, run }));
  } else {
    const tasks = await em.find(
      ApprovalTaskSchema,
      { approver: acting.user.id, status: { $in: taskStatuses[box] }, ...below },
      { orderBy: { id: 'desc' }, limit: take, populate: ['instance', 'instance.submitter'] },
    );
    items = tasks.map((t) => ({ key: t.id, taskId: t.id, run: t.instance }));
  }
  const more = items.length > page.limit;
  const shown = more ? items.slice(0, page.limit) : items;
  return { items: shown, next: more ? (shown.at(-1)?.key ?? null) : null };
}
