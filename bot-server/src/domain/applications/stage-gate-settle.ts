import { type Application, OpportunitySchema, PipelineStageSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { SettleNotices } from '../approvals/document.js';
import { type Auditor, audit } from '../audit/audit.js';
import { recordMove } from '../sales/stage-move.js';

// An approved 阶段审批 moves its deal into the stage asked for, in the deciding transaction and in
// the applicant's name, like any move (a stalled-deal card about it shows it moved on). A deal closed, deleted or already there meanwhile, or a stage retired, is
// left as it is: the approval stands, there is nothing to move.

export async function enterApprovedStage(
  tx: EntityManager,
  application: Application,
  auditor: Auditor,
  notices: SettleNotices,
): Promise<void> {
  if (!application.opportunity) return;
  const deal = await tx.findOne(OpportunitySchema, application.opportunity.id, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    populate: ['stage'],
  });
  const stage = await tx.findOne(PipelineStageSchema, Number(application.values.toStageId));
  if (!deal || deal.deletedAt || deal.status !== 'open') return;
  if (!stage?.active || stage.outcome !== 'open' || deal.stage.id === stage.id) return;
  const from = deal.stage.id;
  recordMove(tx, deal, stage, application.applicant.id, '阶段审批通过');
  audit(tx, auditor, {
    action: 'update',
    objectType: 'opportunity',
    objectId: deal.id,
    changes: { stage: { before: from, after: stage.id } },
  });
  await notices.dealMoved(tx, deal.id);
}
