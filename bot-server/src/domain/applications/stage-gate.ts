import {
  ApplicationSchema,
  ApprovalInstanceSchema,
  ensureStageGateType,
  OpportunitySchema,
  PipelineStageSchema,
  stageGatePurpose,
  UserSchema,
} from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError, RefusedError } from '../access/errors.js';
import type { ApprovalNotices } from '../approvals/notices.js';
import { submitForApproval } from '../approvals/submit.js';
import { auditCreated } from '../audit/audit.js';
import { opportunityFor } from '../sales/store.js';
import { applicationDocType } from './codes.js';

// Stage gates (Cordys #119): a deal moved into a stage an administrator marked 需要审批 stays where
// it is; a 阶段审批 application is sent through that type's flow instead, and the move is refused
// with words that say so. The approval makes the move (stage-gate-settle.ts). One gate per deal
// at a time: a second move while one is pending is refused and asks for nothing.

/**
 * Nothing when the stage is not gated (the move goes on); otherwise, in a transaction of its own,
 * the 阶段审批 asked for, then the refusal that names it.
 */
export async function gateMove(
  em: EntityManager,
  acting: Acting,
  dealId: number,
  stageId: number,
  approvals: ApprovalNotices,
  note?: string,
): Promise<void> {
  const stage = await em.findOne(PipelineStageSchema, { id: stageId, active: true, outcome: 'open' });
  if (!stage?.requiresApproval) return;
  const approvalId = await em.transactional(async (tx) => {
    // The deal's row lock orders two moves at once: the second finds the first's pending gate.
    await tx.findOne(OpportunitySchema, dealId, { lockMode: LockMode.PESSIMISTIC_WRITE, fields: ['id'] });
    const deal = await opportunityFor(tx, acting.access, dealId, 'change');
    if (deal.status !== 'open') throw new NotPermittedError('deal-closed', { status: deal.status });
    if (deal.stage.id === stage.id) throw new NotPermittedError('deal-same-stage', { stage: stage.name });
    const pending = await tx.findOne(ApplicationSchema, {
      opportunity: dealId,
      status: 'pending',
      type: { purpose: stageGatePurpose },
    });
    if (pending)
      throw new RefusedError('deal-stage-gate-pending', { stage: String(pending.values.toStage ?? '') });
    const typeId = await ensureStageGateType(tx);
    const application = tx.create(ApplicationSchema, {
      type: typeId,
      applicant: tx.getReference(UserSchema, acting.user.id),
      values: {
        opportunity: deal.id,
        customer: deal.customer.id,
        fromStage: deal.stage.name,
        toStage: stage.name,
        toStageId: stage.id,
        amount: deal.amountCents,
        ...(note?.trim() && { note: note.trim() }),
      },
      customer: deal.customer.id,
      opportunity: deal.id,
    });
    await auditCreated(tx, acting, 'application', application, (a) => ({ type: '阶段审批', ...a.values }));
    const run = await submitForApproval(tx, acting, applicationDocType(typeId), application.id, approvals);
    return run.id;
  });
  throw new RefusedError('deal-stage-gated', { stage: stage.name, approvalId });
}

export interface PendingGate {
  stage: string;
  approvalId: number | null;
}

/** The deals among `dealIds` waiting for a 阶段审批, with the stage asked for: the board shows 待审批. */
export async function pendingGates(
  em: EntityManager,
  dealIds: readonly number[],
): Promise<Map<number, PendingGate>> {
  const gates = new Map<number, PendingGate>();
  if (dealIds.length === 0) return gates;
  const pending = await em.find(ApplicationSchema, {
    opportunity: { $in: [...dealIds] },
    status: 'pending',
    type: { purpose: stageGatePurpose },
  });
  const runs = await em.find(
    ApprovalInstanceSchema,
    { docId: { $in: pending.map((a) => a.id) }, status: 'pending', docType: { $like: 'application:%' } },
    { fields: ['id', 'docId'] },
  );
  const runOf = new Map(runs.map((r) => [r.docId, r.id]));
  for (const a of pending)
    if (a.opportunity)
      gates.set(a.opportunity.id, {
        stage: String(a.values.toStage ?? ''),
        approvalId: runOf.get(a.id) ?? null,
      });
  return gates;
}
