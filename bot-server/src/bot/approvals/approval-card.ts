import {
  type ApprovalCardMine,
  type ApprovalCardRole,
  type ApprovalCardState,
  approvalReasonOptions,
  buildApprovalCard,
} from '@kelian/cards';
import {
  ApprovalActionSchema,
  type ApprovalInstance,
  ApprovalInstanceSchema,
  type ApprovalTask,
  ApprovalTaskSchema,
  UserSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { documentTypeOf } from '../../domain/approvals/document-type-of.js';
import { customerFigures } from '../../domain/approvals/document-types.js';
import { type ApprovalCopy, parseApprovalVariant } from '../../domain/approvals/notices.js';
import { rejectReasonsOf } from '../../domain/approvals/reject-reasons.js';
import { localDate } from '../../domain/followups/local-time.js';
import { cardVariant } from '../cards/card-jobs.js';
import type { CardPresenter } from '../cards/presenter.js';

// Every copy of a run's card renders the run as it is now: the same state line for all, the buttons
// of whose copy it is (card id variant, domain/approvals/notices.ts).

/** The steps that wait for somebody: those the "2/3" counts. */
const staffedSteps = (run: ApprovalInstance) =>
  run.route.flatMap((s, i) => (s.kind === 'approve' && s.approverIds.length > 0 ? [i] : []));

async function runState(em: EntityManager, run: ApprovalInstance, tasks: ApprovalTask[]) {
  const last = await em.findOne(
    ApprovalActionSchema,
    { instance: run.id, action: { $in: ['approve', 'reject', 'withdraw'] } },
    { populate: ['actor'], orderBy: { id: 'desc' } },
  );
  const by = last?.actor?.name;
  const steps = staffedSteps(run);
  const state: ApprovalCardState =
    run.status === 'approved'
      ? { kind: 'approved', total: steps.length, ...(by && { by }) }
      : run.status === 'rejected'
        ? { kind: 'rejected', by: by ?? '审批人', reason: last?.reason ?? '' }
        : run.status === 'withdrawn'
          ? { kind: 'withdrawn', by: run.submitter.name }
          : {
              kind: 'pending',
              done: steps.filter((i) => i < run.currentStep).length,
              total: steps.length,
              waitingFor: tasks
                .filter((t) => t.step === run.currentStep && t.status === 'pending')
                .map((t) => t.approver.name),
              ...(last?.action === 'approve' && by && { lastApprover: by }),
            };
  return state;
}

async function mineOf(
  em: EntityManager,
  run: ApprovalInstance,
  tasks: ApprovalTask[],
  copy: Extract<ApprovalCopy, { kind: 'approver' }>,
): Promise<ApprovalCardMine> {
  const task = tasks.findLast((t) => t.step === copy.step && t.approver.id === copy.userId);
  const nameOf = async (id: number | null | undefined) =>
    tasks.find((t) => t.approver.id === id)?.approver.name ??
    (id ? (await em.findOne(UserSchema, id, { fields: ['name'] }))?.name : undefined) ??
    '同事';
  if (!task) return { kind: 'closed' };
  if (task.status === 'pending' && run.status === 'pending' && task.step === run.currentStep)
    return { kind: 'open' };
  if (task.status === 'skipped') return { kind: 'skipped', by: await nameOf(task.byUserId) };
  if (task.status === 'transferred') return { kind: 'transferred', to: await nameOf(task.byUserId) };
  return { kind: 'closed' };
}

/** The approval card, whose figures end with what the customer owes as of today in `timeZone`. */
export const approvalCard =
  (timeZone: string): CardPresenter =>
  async (em, id, cardId) => {
    const copy = parseApprovalVariant(cardVariant(cardId, { type: 'approval', id }));
    // Read afresh, the run and its tasks alike: a decision committed meanwhile must not show half
    // (its tasks with the run's step before it), even in an entity manager that has read them before.
    const run = await em.findOne(ApprovalInstanceSchema, id, {
      populate: ['submitter', 'flow'],
      refresh: true,
    });
    if (!copy || !run) return undefined;
    const tasks = await em.find(
      ApprovalTaskSchema,
      { instance: id },
      { populate: ['approver'], orderBy: { id: 'asc' }, refresh: true },
    );
    const role: ApprovalCardRole =
      copy.kind === 'approver'
        ? {
            kind: 'approver',
            step: copy.step,
            mine: await mineOf(em, run, tasks, copy),
            reasons: approvalReasonOptions(rejectReasonsOf(run.flow.definition)),
          }
        : copy;
    const type = await documentTypeOf(em, run.docType);
    const figures = await type.figures(em, run.snapshot);
    const evidence = run.customer
      ? await customerFigures(em, run.customer.id, localDate(new Date(), timeZone))
      : [];
    return buildApprovalCard({
      cardId,
      runId: String(run.id),
      title: figures.title,
      submitter: run.submitter.name,
      ...(figures.emphasis && { emphasis: figures.emphasis }),
      // The document's own rows first, then the customer's risks; a card keeps five.
      figures: [...figures.rows.slice(0, 5 - evidence.length), ...evidence],
      state: await runState(em, run, tasks),
      role,
      ...(copy.kind === 'approver' &&
        copy.nudge && {
          nudge: {
            ...copy.nudge,
            document: figures.emphasis ? `${type.label} ${figures.emphasis.value}` : type.label,
          },
        }),
    });
  };
