import { paths, truncate } from '@kelian/cards';
import type { ApprovalInstance } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { documentTypeOf } from './document-type-of.js';
import type { TodoContent } from './todo-board.js';

// Approval tasks mirrored in the approvers' DingTalk 待办 (platform-additions §5): a pending task is
// a to-do there, and once decided, handed on, withdrawn or ended it is marked done. The 待办 only
// points at the approval: deciding happens on the card or in the mini-app, and DingTalk does not
// tell Kelian when someone ticks a 待办 off, so Kelian's tasks are the truth and the list follows.

/**
 * How the approval engine asks for the mirror to follow a run, in the transaction of the change:
 * it happens if and only if the change commits, as a durable job with retries.
 */
export interface ApprovalTodos {
  runChanged(tx: EntityManager, run: ApprovalInstance): Promise<void>;
}

/** DingTalk's limits on a 待办's subject and description (characters). */
const subjectMax = 1024;
const descriptionMax = 4096;

/**
 * What an approver's 待办 says: "审批：张伟 的合同 ¥600,000.00", the document's key figures and the
 * step, and the run's page in the mini-app. `run` has its submitter loaded.
 */
export async function todoContent(
  em: EntityManager,
  run: ApprovalInstance,
  step: number,
): Promise<TodoContent> {
  const type = await documentTypeOf(em, run.docType);
  const figures = await type.figures(em, run.snapshot);
  const { emphasis } = figures;
  const subject = `审批：${run.submitter.name} 的${type.label}${emphasis ? ` ${emphasis.value}` : ''}`;
  // The rows name the customer, which the title repeats.
  const lines = [
    ...(emphasis ? [`${emphasis.label}：${emphasis.value}`] : []),
    ...figures.rows.map((row) => `${row.label}：${row.value}`),
    `审批环节：第 ${step + 1} 步 · ${run.route[step]?.name ?? ''}`,
    `提交人：${run.submitter.name}`,
  ];
  return {
    subject: truncate(subject, subjectMax),
    description: truncate(lines.join('\n'), descriptionMax),
    path: paths.approval(String(run.id)),
  };
}
