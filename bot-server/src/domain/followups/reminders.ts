import type { EntityManager } from '@mikro-orm/postgresql';
import type { Notifier } from '../notify/notifier.js';

/** Tasks claimed per run; the next run takes the rest. */
const batch = 100;

/**
 * Sends the card of every open task due by `now` that has not been reminded: one conditional
 * UPDATE marks them, so of two runs at once each task goes to exactly one, and the card goes out
 * iff the mark commits. A postponed task has its mark cleared and is reminded again when due.
 */
export async function remindDueTasks(em: EntityManager, now: Date, notifier: Notifier): Promise<number[]> {
  return em.transactional(async (tx) => {
    const rows = await tx.getConnection().execute<{ id: number; assignee_id: number }[]>(
      `update task set reminded_at = ? where id in (
         select id from task where status = 'open' and reminded_at is null and due_at <= ?
          order by due_at limit ${batch} for update skip locked)
       and reminded_at is null
       returning id, assignee_id`,
      [now, now],
      'all',
      tx.getTransactionContext(),
    );
    for (const row of rows)
      await notifier.postCard(
        tx,
        { type: 'task', id: row.id },
        { kind: 'users', userIds: [row.assignee_id] },
      );
    return rows.map((r) => r.id);
  });
}
