import { buildTaskCard, type TaskCardState } from '@kelian/cards';
import { AuditLogSchema, TaskSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { taskSubject } from '../../domain/followups/task-text.js';
import { taskPopulate } from '../../domain/followups/tasks.js';
import type { CardKind } from '../cards/presenter.js';

/** Who completed it: the assignee, or the manager who did it for them (the audit log knows). */
async function completedBy(em: EntityManager, task: Pick<TaskOnCard, 'id' | 'assignee'>): Promise<string> {
  const entry = await em.findOne(
    AuditLogSchema,
    { objectType: 'task', objectId: String(task.id), changes: { status: { after: 'done' } } },
    { populate: ['actor'], orderBy: { id: 'desc' } },
  );
  return entry?.actor?.name ?? task.assignee.name;
}

/** The columns a task card is built from (`present`, `taskSubject`, `completedBy`). */
const cardFields = [
  'title',
  'status',
  'postponements',
  'remindedAt',
  'dueAt',
  'assignee.name',
  'customer.name',
  'lead.company',
  'opportunity.customer.name',
  'rule.name',
] as const;

/**
 * Only what a card shows: whole customers (custom fields, search keys) and the rest for every card
 * of a morning's burst took more to read and hydrate than the rest of the send.
 */
const loadForCards = (em: EntityManager, ids: number[]) =>
  em.find(TaskSchema, { id: { $in: ids } }, { populate: taskPopulate, fields: cardFields });
type TaskOnCard = Awaited<ReturnType<typeof loadForCards>>[number];

// A task card goes to its assignee only, but is built for the least-privileged audience like every
// card: it shows no contact details, only what to do, about whom and by when. Every rep's reminders
// fall due together in the morning: their tasks are read in one query.
export const taskCards: CardKind<TaskOnCard> = {
  async load(em, ids) {
    const tasks = await loadForCards(em, ids);
    return new Map(tasks.map((task) => [task.id, task]));
  },
  async present(em, task, cardId) {
    const state: TaskCardState =
      task.status === 'done'
        ? { kind: 'done', by: await completedBy(em, task) }
        : task.postponements > 0 && !task.remindedAt
          ? { kind: 'postponed', until: task.dueAt }
          : { kind: 'due' };
    const customer = task.customer ?? task.opportunity?.customer;
    return buildTaskCard(
      {
        cardId,
        taskId: String(task.id),
        what: task.title,
        ...(customer ? { customerId: String(customer.id) } : {}),
        customerName: taskSubject(task) ?? '（无关联客户）',
        dueAt: task.dueAt,
        rule: task.rule?.name,
        state,
      },
      { phone: 'masked', amount: 'masked' },
    );
  },
};
