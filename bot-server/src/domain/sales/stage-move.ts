import { type Opportunity, type PipelineStage, StageChangeSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

// A deal's move into a stage, as its history keeps it: by a person's own move, or by the approval
// of the stage gate they asked for (then in the deciding transaction, in their name).

export function recordMove(
  tx: EntityManager,
  deal: Opportunity,
  to: PipelineStage,
  byUserId: number,
  note: string | null,
): void {
  tx.create(StageChangeSchema, { opportunity: deal, fromStage: deal.stage, toStage: to, by: byUserId, note });
  deal.stage = to;
  deal.stageChangedAt = new Date();
}
