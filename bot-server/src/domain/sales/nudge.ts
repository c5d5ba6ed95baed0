import { type Task, TaskSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError } from '../access/errors.js';
import { claimFiring } from '../followups/firings.js';
import { createAuditedTask } from '../followups/tasks.js';
import type { Notifier } from '../notify/notifier.js';
import { dealManagers } from './deal-managers.js';
import { dealQuietSince, stalledDays, stalledDealSubject } from './stalled.js';
import { opportunityFor } from './store.js';

// 提醒负责人 on a stalled-deal card: the manager hands the owner a task about the deal, due now, so
// the owner gets a task card (完成 / 推迟1天 / 打开客户) at once and it stays on their 待办 list.

export type NudgeOutcome =
  | { kind: 'nudged'; owner: string }
  | { kind: 'already'; by: string }
  | { kind: 'resumed' };

/** The nudge of the deal's current quiet spell: a task on it that someone gave its owner since. */
export async function nudgeSince(em: EntityManager, dealId: number, since: Date): Promise<Task | undefined> {
  const tasks = await em.find(
    TaskSchema,
    { opportunity: dealId, createdAt: { $gte: since }, createdBy: { $ne: null }, rule: null },
    { populate: ['createdBy'], orderBy: { id: 'desc' } },
  );
  return tasks.find((t) => t.createdBy && t.createdBy.id !== t.assignee.id);
}

/**
 * One nudge per quiet spell, whoever clicks and however often: two managers clicking at once both
 * take the same Firing key, so one creates the task and the other is told who did.
 */
export async function nudgeStalledDeal(
  em: EntityManager,
  acting: Acting,
  dealId: number,
  notifier: Notifier,
  now = new Date(),
): Promise<NudgeOutcome> {
  return em.transactional(async (tx) => {
    const deal = await opportunityFor(tx, acting.access, dealId);
    if (!acting.access.admin && !(await dealManagers(tx, dealId)).includes(acting.user.id))
      throw new NotPermittedError('nudge-managers-only');
    const owner = deal.owner;
    const days = stalledDays(deal, now);
    if (!owner || days === undefined) {
      await notifier.refreshCards(tx, stalledDealSubject(dealId));
      return { kind: 'resumed' };
    }
    const quiet = dealQuietSince(deal);
    const already = async (): Promise<NudgeOutcome | undefined> => {
      const nudge = await nudgeSince(tx, dealId, quiet);
      return nudge?.createdBy ? { kind: 'already', by: nudge.createdBy.name } : undefined;
    };
    const earlier = await already();
    if (earlier) return earlier;
    if (!(await claimFiring(tx, `nudge:${dealId}:${quiet.toISOString()}`)))
      return (await already()) ?? { kind: 'already', by: '其他主管' };
    const manager = await tx.findOneOrFail(UserSchema, acting.user.id);
    const limit = deal.stage.stalledAfterDays ?? 0;
    const task = await createAuditedTask(tx, acting, {
      title: `跟进停滞商机「${deal.name}」`,
      assignee: owner,
      dueAt: now,
      customerId: deal.customer.id,
      opportunityId: deal.id,
      note: `${manager.name} 提醒：商机在「${deal.stage.name}」已 ${limit + days} 天没有进展，请尽快跟进推进。`,
      createdBy: manager,
    });
    // Its card goes out right here, so the reminder scan must not send it again.
    task.remindedAt = now;
    await tx.flush();
    await notifier.postCard(tx, { type: 'task', id: task.id }, { kind: 'users', userIds: [owner.id] });
    await notifier.refreshCards(tx, stalledDealSubject(dealId));
    return { kind: 'nudged', owner: owner.name };
  });
}
