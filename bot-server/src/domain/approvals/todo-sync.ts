import {
  type ApprovalInstance,
  ApprovalInstanceSchema,
  type ApprovalTask,
  ApprovalTaskSchema,
  type ApprovalTodo,
  ApprovalTodoSchema,
  type User,
  UserSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TodoBoard } from './todo-board.js';
import { todoContent } from './todos.js';

// Brings a run's 待办 in line with its tasks: a pending task's approver has one, every other task's
// is done. It compares what is with what should be, so running it twice, or after a crash, or
// after several changes at once, does each thing once. Each platform call is recorded at once, and
// a row is written before its create: a retry finds it and asks again under the same sourceId,
// which DingTalk answers with the 待办 it made the first time.

export interface TodoSyncReport {
  created: number;
  done: number;
  /** Refused by the platform for good (logged by the caller, not tried again). */
  refused: { taskId: number; reason: string }[];
}

/** One id per approval task, so that a repeated create is recognised as such. */
export const todoSourceId = (taskId: number) => `kelian:approval-task:${taskId}`;

/**
 * Syncs one run. A failure worth another try (an outage, flow control) is thrown once every other
 * task has had its turn, for the job to retry the run later.
 */
export async function syncRunTodos(
  em: EntityManager,
  runId: number,
  board: TodoBoard,
): Promise<TodoSyncReport> {
  const report: TodoSyncReport = { created: 0, done: 0, refused: [] };
  const run = await em.findOne(ApprovalInstanceSchema, runId, { populate: ['submitter'] });
  if (!run) return report;
  const tasks = await em.find(
    ApprovalTaskSchema,
    { instance: runId, status: { $ne: 'notified' } },
    { populate: ['approver'], orderBy: { id: 'asc' } },
  );
  const rows = new Map(
    (await em.find(ApprovalTodoSchema, { task: { $in: tasks.map((t) => t.id) } })).map((r) => [r.task.id, r]),
  );
  let retry: unknown;
  for (const task of tasks) {
    const open = task.status === 'pending' && run.status === 'pending';
    try {
      const row = rows.get(task.id) ?? (open ? await plan(em, board, task) : undefined);
      if (!row) continue;
      if (open && row.state === 'creating') {
        await create(em, board, run, task, row);
        report.created += 1;
      } else if (!open && (row.state === 'creating' || row.state === 'open')) {
        await finish(em, board, row);
        report.done += 1;
      }
    } catch (error) {
      const reason = board.refusal(error);
      if (reason === undefined) {
        retry ??= error;
        continue;
      }
      report.refused.push({ taskId: task.id, reason });
      await em.nativeUpdate(
        ApprovalTodoSchema,
        { task: task.id },
        { state: 'failed', lastError: reason.slice(0, 2000) },
      );
    }
  }
  if (retry !== undefined) throw retry;
  return report;
}

/** The row of a task to mirror, written before DingTalk is asked; none when the approver is not on DingTalk. */
async function plan(
  em: EntityManager,
  board: TodoBoard,
  task: ApprovalTask,
): Promise<ApprovalTodo | undefined> {
  const owner = await ownerOf(em, board, task.approver);
  if (!owner) return undefined;
  const row = em.create(ApprovalTodoSchema, { task, unionId: owner, sourceId: todoSourceId(task.id) });
  await em.flush();
  return row;
}

/**
 * The approver's DingTalk unionId: kept on the user once known (the org sync stores userids; the
 * 待办 API takes unionIds), else asked for by their userid.
 */
async function ownerOf(em: EntityManager, board: TodoBoard, user: User): Promise<string | undefined> {
  if (user.dingtalkUnionId) return user.dingtalkUnionId;
  if (!user.dingtalkUserId || !user.active) return undefined;
  const unionId = await board.ownerOf(user.dingtalkUserId);
  if (unionId) {
    await em.nativeUpdate(UserSchema, { id: user.id, dingtalkUnionId: null }, { dingtalkUnionId: unionId });
    user.dingtalkUnionId = unionId;
  }
  return unionId;
}

async function create(
  em: EntityManager,
  board: TodoBoard,
  run: ApprovalInstance,
  task: ApprovalTask,
  row: ApprovalTodo,
): Promise<void> {
  const made = await board.create(row.unionId, row.sourceId, await todoContent(em, run, task.step));
  Object.assign(row, { todoId: made.id, state: 'open', lastError: null });
  await em.flush();
}

/** Marks the task's 待办 done; one whose create may not have got through is looked for first. */
async function finish(em: EntityManager, board: TodoBoard, row: ApprovalTodo): Promise<void> {
  const todoId = row.todoId ?? (await board.find(row.unionId, row.sourceId));
  // Nothing was made, or its owner deleted it in DingTalk: nothing is left to mark.
  if (todoId) await board.markDone(row.unionId, todoId);
  Object.assign(row, { todoId: todoId ?? null, state: 'done', doneAt: new Date() });
  await em.flush();
}

/**
 * Runs whose 待办 are behind (a create or a done still owed, a pending task of a DingTalk user with
 * none): what the periodic sweep hands to the sync again, so that a job that gave up during a long
 * outage, or a run pending since before the mirror existed, is caught up.
 */
export async function runsBehind(em: EntityManager, limit: number): Promise<number[]> {
  const rows = await em.execute<{ id: number }[]>(
    `select distinct t.instance_id as id from approval_todo o join approval_task t on t.id = o.task_id
      where o.state = 'creating' or (o.state = 'open' and t.status <> 'pending')
     union
     select distinct t.instance_id from approval_task t
       join approval_instance i on i.id = t.instance_id
       join app_user u on u.id = t.approver_id
      where t.status = 'pending' and i.status = 'pending' and u.active
        and (u.dingtalk_user_id is not null or u.dingtalk_union_id is not null)
        and not exists (select 1 from approval_todo o where o.task_id = t.id)
     order by id limit ?`,
    [limit],
  );
  return rows.map((r) => Number(r.id));
}
