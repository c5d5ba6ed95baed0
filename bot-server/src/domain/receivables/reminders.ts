import type { EntityManager } from '@mikro-orm/postgresql';
import { claimFiring } from '../followups/firings.js';
import { addDays, atLocalHour, localDate, morningHour } from '../followups/local-time.js';
import type { Notifier } from '../notify/notifier.js';

// Receivable reminders, the follow-up engine's date rules on the plan's due dates: at 09:00 three
// days before (D-3), on the day (D0) and the day after (D+1, overdue), a task card to the
// contract's owner. Each (instalment, due date, stage) is claimed once in the run coordinator's
// firing table, so instances scanning at once send it once, and a deferred instalment (a new due
// date) is reminded again. A scan after downtime sends only the latest stage that fell due: an
// instalment found already overdue gets the overdue card, not three cards at once.

export const reminderStages = { soon: -3, due: 0, overdue: 1 } as const;
export type ReminderStage = keyof typeof reminderStages;

export const stageWords: Record<ReminderStage, string> = {
  soon: '3天后到期',
  due: '今天到期',
  overdue: '已逾期',
};

/** Instalments reminded per scan; the next scan takes the rest. */
const batch = 200;

export const reminderKey = (instalmentId: number, dueDate: string, stage: ReminderStage) =>
  `receivable:${instalmentId}:${dueDate}:${stage}`;

/** The stage of the newest reminder of the instalment, if one was sent. */
export async function lastStage(em: EntityManager, instalmentId: number): Promise<ReminderStage | undefined> {
  const [row] = await em
    .getConnection()
    .execute<{ key: string }[]>(
      'select key from firing where key like ? order by fired_at desc, key desc limit 1',
      [`receivable:${instalmentId}:%`],
      'all',
      em.getTransactionContext(),
    );
  return row?.key.split(':')[3] as ReminderStage | undefined;
}

export async function remindReceivables(
  em: EntityManager,
  now: Date,
  timeZone: string,
  notifier: Notifier,
): Promise<number> {
  const today = localDate(now, timeZone);
  // The last day whose 09:00 has passed: a stage is due once 09:00 of its day is.
  const lastDay = now >= atLocalHour(today, morningHour, timeZone) ? today : addDays(today, -1);
  const rows = await em
    .getConnection()
    .execute<{ id: number; due: string; owner_id: number; stage: ReminderStage }[]>(
      `select d.* from (
       select i.id, to_char(i.due_date, 'YYYY-MM-DD') as due, c.owner_id,
              case when i.due_date <= ? then 'overdue' when i.due_date <= ? then 'due' else 'soon' end as stage
         from receivable_instalment i join contract c on c.id = i.contract_id
        where i.state = 'open' and i.received_cents < i.amount_cents and i.due_date <= ?
          and c.deleted_at is null and c.status in ('active', 'expired') and c.owner_id is not null) d
      where not exists (select 1 from firing f where f.key = 'receivable:' || d.id || ':' || d.due || ':' || d.stage)
      order by d.due, d.id limit ${batch}`,
      [
        addDays(lastDay, -reminderStages.overdue),
        addDays(lastDay, -reminderStages.due),
        addDays(lastDay, -reminderStages.soon),
      ],
    );
  let sent = 0;
  for (const row of rows) {
    const did = await em.fork().transactional(async (tx) => {
      if (!(await claimFiring(tx, reminderKey(row.id, row.due, row.stage)))) return false;
      await notifier.postCard(
        tx,
        { type: 'receivable', id: row.id },
        { kind: 'users', userIds: [row.owner_id] },
      );
      return true;
    });
    if (did) sent += 1;
  }
  return sent;
}
