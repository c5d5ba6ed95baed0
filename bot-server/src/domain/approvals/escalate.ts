import { type ApprovalInstance, type ApprovalTask, type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Messenger } from '../notify/messenger.js';
import { loadDirectory } from './directory.js';
import { handOver, onCurrentStep } from './hand-over.js';
import type { ApprovalNotices } from './notices.js';

// 超时转交: a task nobody decided within the flow's escalateAfterHours goes to the approver's
// manager, as if the approver had handed it on (转交) but by the system; without a manager who can
// take it, to an administrator (the people a flow's 转给管理员 rule hands a step nobody staffs to).
// The approver, the new approver and the submitter are told, and the timeline and the audit log
// say why: 超时 48 小时，系统转交给 王建国.

export interface ReminderDeps {
  notices: ApprovalNotices;
  messenger: Messenger;
}

/**
 * Who takes the task: the manager first, then the administrators by id; never the approver, the
 * submitter (nobody approves their own document) or someone already on the step.
 */
async function successor(tx: EntityManager, run: ApprovalInstance, approverId: number): Promise<User | null> {
  const org = await loadDirectory(tx);
  for (const id of [org.managerOf(approverId), ...org.administrators()]) {
    if (id === undefined || id === approverId || id === run.submitter.id) continue;
    if (await onCurrentStep(tx, run, id)) continue;
    const user = await tx.findOne(UserSchema, { id, active: true });
    if (user) return user;
  }
  return null;
}

/** Hands `task` on; false when nobody can take it (it stays with its approver). */
export async function escalateTask(
  tx: EntityManager,
  run: ApprovalInstance,
  task: ApprovalTask,
  hours: number,
  at: Date,
  { notices, messenger }: ReminderDeps,
): Promise<boolean> {
  const from = await tx.findOneOrFail(UserSchema, task.approver.id);
  const to = await successor(tx, run, from.id);
  if (!to) return false;
  const reason = `超时 ${hours} 小时，系统转交给 ${to.name}`;
  await handOver(
    tx,
    run,
    task,
    { to, from: from.name, by: { user: null, via: 'timer' }, reason, at },
    notices,
  );
  const step = run.route[task.step]!.name;
  await messenger.tell(
    tx,
    [from.id],
    `「${run.title}」在你这里已等待超过 ${hours} 小时，系统已转交给 ${to.name} 审批。`,
  );
  await messenger.tell(
    tx,
    [to.id],
    `${from.name} 超过 ${hours} 小时未处理「${run.title}」（${step}），系统已转交给你审批。`,
  );
  await messenger.tell(
    tx,
    [run.submitter.id],
    `你提交的「${run.title}」在「${step}」等待 ${from.name} 超过 ${hours} 小时，系统已转交给 ${to.name}。`,
  );
  return true;
}
