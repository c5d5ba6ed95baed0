import { type Task, TaskSchema, type User, UserSchema } from '@kelian/orm';
import type { EntityManager, QueryResult } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError, NotVisibleError } from '../access/errors.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { customerFor } from '../customers/store.js';
import type { Notifier } from '../notify/notifier.js';
import { taskScope } from './scope.js';

export const taskPopulate = ['assignee', 'customer', 'lead', 'opportunity.customer', 'rule'] as const;

/**
 * Who may act on a task: through the API, its assignee or a manager whose scope covers them;
 * through a card, which only the assignee was sent, the assignee alone.
 */
export type TaskActor = 'assignee-or-manager' | 'assignee';

/** The task, if the user may reach it; NotVisibleError (a 404, like a missing id) otherwise. */
export async function taskFor(
  em: EntityManager,
  acting: Acting,
  id: number,
  who: TaskActor = 'assignee-or-manager',
): Promise<Task> {
  const reach = who === 'assignee' ? { assignee: acting.user.id } : taskScope(acting.access);
  const task = await em.findOne(TaskSchema, { $and: [{ id }, reach] }, { populate: taskPopulate });
  if (!task) throw new NotVisibleError('task');
  return task;
}

function refuseClosed(task: Task) {
  if (task.status !== 'open') throw new NotPermittedError('task-closed', { status: task.status });
}

const taskSnapshot = (t: Task) => ({ status: t.status, dueAt: t.dueAt, postponements: t.postponements });

/** One change of an open task, audited; afterwards every card of the task shows its new state. */
async function changeOpenTask(
  em: EntityManager,
  acting: Acting,
  id: number,
  notifier: Notifier,
  who: TaskActor,
  change: (tx: EntityManager, task: Task) => Promise<void>,
): Promise<Task> {
  return em.transactional(async (tx) => {
    const task = await taskFor(tx, acting, id, who);
    refuseClosed(task);
    const before = taskSnapshot(task);
    await change(tx, task);
    const changes = changesBetween(before, taskSnapshot(task));
    audit(tx, acting, { action: 'update', objectType: 'task', objectId: id, changes });
    await tx.flush();
    await notifier.refreshCards(tx, { type: 'task', id });
    return task;
  });
}

/**
 * Done, once: the status changes only where it is still open, so two clicks (two copies of the
 * card, or the card and the mini-app) complete it once. Every card of it then shows who did it.
 */
export function completeTask(
  em: EntityManager,
  acting: Acting,
  id: number,
  notifier: Notifier,
  who: TaskActor = 'assignee-or-manager',
): Promise<Task> {
  return changeOpenTask(em, acting, id, notifier, who, async (tx, task) => {
    const result = await tx
      .getConnection()
      .execute<QueryResult>(
        `update task set status = 'done', done_at = now(), updated_at = now() where id = ? and status = 'open'`,
        [id],
        'run',
        tx.getTransactionContext(),
      );
    await tx.refresh(task);
    if (result.affectedRows !== 1) refuseClosed(task);
  });
}

/** Moves the due time on by whole days; the reminder comes again at the new time. */
export function postponeTask(
  em: EntityManager,
  acting: Acting,
  id: number,
  days: number,
  notifier: Notifier,
  who: TaskActor = 'assignee-or-manager',
): Promise<Task> {
  return changeOpenTask(em, acting, id, notifier, who, async (_tx, task) => {
    task.dueAt = new Date(task.dueAt.getTime() + days * 86_400_000);
    task.remindedAt = null;
    task.postponements += 1;
  });
}

export interface NewTask {
  title: string;
  assignee: User;
  dueAt: Date;
  customerId?: number;
  leadId?: number;
  opportunityId?: number;
  note?: string | null;
  ruleId?: number;
  createdBy?: User | null;
}

/** A task in the caller's unit of work; its reminder goes out when it falls due (reminders.ts). */
export function createTask(em: EntityManager, input: NewTask): Task {
  return em.create(TaskSchema, {
    title: input.title,
    assignee: input.assignee,
    dueAt: input.dueAt,
    customer: input.customerId ?? null,
    lead: input.leadId ?? null,
    opportunity: input.opportunityId ?? null,
    note: input.note ?? null,
    rule: input.ruleId ?? null,
    createdBy: input.createdBy ?? null,
  });
}

/** A task someone creates (not a rule), written and audited in the caller's transaction. */
export async function createAuditedTask(tx: EntityManager, acting: Acting, input: NewTask): Promise<Task> {
  const task = createTask(tx, input);
  await auditCreated(tx, acting, 'task', task, taskSnapshot);
  return task;
}

export interface TaskRequest {
  title: string;
  dueAt: Date;
  customerId?: number;
  note?: string | null;
}

/** A task the user sets themself, about a customer they can see. */
export async function addTask(em: EntityManager, acting: Acting, input: TaskRequest): Promise<Task> {
  return em.transactional(async (tx) => {
    if (input.customerId !== undefined)
      await customerFor(tx, acting.access, input.customerId, { purpose: 'read' });
    const me = await tx.findOneOrFail(UserSchema, acting.user.id);
    const task = await createAuditedTask(tx, acting, { ...input, assignee: me, createdBy: me });
    return tx.findOneOrFail(TaskSchema, task.id, { populate: taskPopulate });
  });
}
