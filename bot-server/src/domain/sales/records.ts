import type { Opportunity, PipelineStage } from '@kelian/orm';
import type { Access } from '../access/access.js';
import { present } from '../access/present.js';
import { mayChange } from '../access/scope.js';

// A deal as a viewer may see it: the ruled fields (name, amount, expected date) go through the one
// presenter, so an amount hidden or masked for a role is so in the API, the bot and cards alike.

export interface StageRecord {
  id: number;
  name: string;
  position: number;
  probability: number;
  stalledAfterDays: number | null;
  outcome: PipelineStage['outcome'];
  requiresApproval: boolean;
}

export const stageRecord = (s: PipelineStage): StageRecord => ({
  id: s.id,
  name: s.name,
  position: s.position,
  probability: s.probability,
  stalledAfterDays: s.stalledAfterDays ?? null,
  outcome: s.outcome,
  requiresApproval: s.requiresApproval,
});

export interface OpportunityRecord {
  id: number;
  name?: string;
  customer: { id: number; name: string };
  owner: { id: number; name: string } | null;
  stage: StageRecord;
  amountCents?: number | string;
  expectedCloseDate?: string | null;
  status: Opportunity['status'];
  lostReason: string | null;
  closedAt: Date | null;
  stageChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  editable: boolean;
}

/** The deal (with customer, owner and stage loaded) as this viewer sees it. */
export function presentOpportunity(access: Access, deal: Opportunity): OpportunityRecord {
  const changeable = mayChange(access, deal.customer, 'opportunity');
  const { values } = present(
    access,
    'opportunity',
    { name: deal.name, amountCents: deal.amountCents, expectedCloseDate: deal.expectedCloseDate ?? null },
    { changeable },
  );
  return {
    id: deal.id,
    ...values,
    customer: { id: deal.customer.id, name: deal.customer.name },
    owner: deal.owner ? { id: deal.owner.id, name: deal.owner.name } : null,
    stage: stageRecord(deal.stage),
    status: deal.status,
    lostReason: deal.lostReason ?? null,
    closedAt: deal.closedAt ?? null,
    stageChangedAt: deal.stageChangedAt,
    createdAt: deal.createdAt,
    updatedAt: deal.updatedAt,
    editable: changeable && deal.status === 'open',
  };
}
