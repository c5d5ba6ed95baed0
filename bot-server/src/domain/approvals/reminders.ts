import { ApprovalInstanceSchema, ApprovalTaskSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { claimFiring } from '../followups/firings.js';
import { localHour, morningHour } from '../followups/local-time.js';
import { escalateTask, type ReminderDeps } from './escalate.js';
import { log } from './steps.js';

// The timer on pending tasks: after the flow's remindAfterHours the approver gets a new copy of the
// card (催办: "张伟 的合同 ¥600,000.00 已等待 26 小时") to decide on; after escalateAfterHours the task
// is handed to their manager (escalate.ts). Each (task, stage) is claimed once in the firing table,
// with the run locked as a decision locks it: instances scanning at once act once, and a task
// decided, withdrawn or transferred meanwhile is found no longer pending and left alone. A task
// found past both after downtime gets only the latest stage: handed on, not reminded first.

export type WaitStage = 'remind' | 'escalate';

/** The last hour (exclusive) the timer speaks in: reminders wait from 20:00 to 09:00. */
export const eveningHour = 20;

/** Tasks looked at per scan; the next scan takes the rest. */
const batch = 200;

export const waitKey = (taskId: number, stage: WaitStage) => `approval:${taskId}:${stage}`;

// A task waits from when it became the approver's: its creation, or in a sequential step when the
// approver before it decided.
const pendingSince = `greatest(t.created_at, coalesce((select max(o.acted_at) from approval_task o
   where o.instance_id = t.instance_id and o.step = t.step and o.position < t.position), t.created_at))`;

interface DueTask {
  id: number;
  run_id: number;
  stage: WaitStage;
  waited_hours: number;
  escalate_after_hours: number | null;
}

export interface ScanResult {
  reminded: number;
  escalated: number;
}

export async function scanWaitingTasks(
  em: EntityManager,
  now: Date,
  timeZone: string,
  deps: ReminderDeps,
): Promise<ScanResult> {
  const done: ScanResult = { reminded: 0, escalated: 0 };
  // Not at night: a reminder (or a hand-over, which messages three people) at 23:00 wakes people
  // who cannot act on it before morning anyway; what fell due waits for the 09:00 scan.
  const hour = localHour(now, timeZone);
  if (hour < morningHour || hour >= eveningHour) return done;
  const rows = await em.getConnection().execute<DueTask[]>(
    `select d.* from (
       select t.id, t.instance_id as run_id, f.escalate_after_hours,
              floor(extract(epoch from (?::timestamptz - w.since)) / 3600)::int as waited_hours,
              case when f.escalate_after_hours is not null
                        and w.since <= ?::timestamptz - make_interval(hours => f.escalate_after_hours)
                   then 'escalate' else 'remind' end as stage
         from approval_task t
         join approval_instance r on r.id = t.instance_id and r.status = 'pending' and r.current_step = t.step
         join approval_flow f on f.id = r.flow_id
         cross join lateral (select ${pendingSince} as since) w
        where t.status = 'pending' and w.since <= ?::timestamptz - make_interval(hours => f.remind_after_hours)) d
      where not exists (select 1 from firing x where x.key = 'approval:' || d.id || ':' || d.stage)
      order by d.id limit ${batch}`,
    [now.toISOString(), now.toISOString(), now.toISOString()],
  );
  for (const row of rows) {
    const acted = await em.fork().transactional((tx) => actOn(tx, row, now, deps));
    if (acted) done[acted === 'remind' ? 'reminded' : 'escalated'] += 1;
  }
  return done;
}

/** One due task, in its own transaction with its run locked: what was done, if anything. */
async function actOn(
  tx: EntityManager,
  row: DueTask,
  now: Date,
  deps: ReminderDeps,
): Promise<WaitStage | null> {
  await tx.findOne(ApprovalInstanceSchema, row.run_id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const run = await tx.findOneOrFail(ApprovalInstanceSchema, row.run_id, {
    populate: ['submitter'],
    refresh: true,
  });
  const task = await tx.findOneOrFail(ApprovalTaskSchema, row.id, { refresh: true });
  // Decided, withdrawn, transferred or passed since the scan read it: nothing to say any more.
  if (run.status !== 'pending' || task.status !== 'pending' || task.step !== run.currentStep) return null;
  if (!(await claimFiring(tx, waitKey(task.id, row.stage)))) return null;
  if (row.stage === 'escalate') {
    const handed = await escalateTask(tx, run, task, row.escalate_after_hours!, now, deps);
    await tx.flush();
    return handed ? 'escalate' : null;
  }
  await deps.notices.reminded(tx, run, task.approver.id, { by: 'timer', hours: row.waited_hours });
  log(tx, run, task.step, null, 'remind', null, [task.approver.id]);
  await tx.flush();
  return 'remind';
}
