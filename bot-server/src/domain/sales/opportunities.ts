import {
  CustomerSchema,
  type Opportunity,
  OpportunitySchema,
  type PipelineStage,
  StageChangeSchema,
  UserSchema,
} from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError } from '../access/errors.js';
import { refuseUneditable } from '../access/field-rules.js';
import { gateMove } from '../applications/stage-gate.js';
import type { ApprovalNotices } from '../approvals/notices.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { customerFor } from '../customers/store.js';
import type { Notifier } from '../notify/notifier.js';
import { recordMove } from './stage-move.js';
import { activeStages, closingStage, openStage } from './stages.js';
import { stalledDealSubject } from './stalled.js';
import { opportunityFor } from './store.js';

// Opening, editing and moving deals. Every change locks the deal's row first, so two moves at once
// are applied one after the other and each StageChange records the stage the deal really left.

export interface OpportunityFields {
  name?: string;
  amountCents?: number;
  expectedCloseDate?: string | null;
}

export interface OpenOpportunity extends OpportunityFields {
  customerId: number;
  name: string;
  stageId?: number;
}

const snapshot = (d: Opportunity) => ({
  name: d.name,
  amountCents: d.amountCents,
  expectedCloseDate: d.expectedCloseDate ?? null,
  stage: d.stage.id,
  status: d.status,
  lostReason: d.lostReason ?? null,
  ...(d.dingtalkConversationId && { dingtalkGroup: d.dingtalkConversationId }),
});

/** The first open stage of the pipeline, where new deals start. */
export async function firstOpenStage(em: EntityManager): Promise<PipelineStage> {
  const stage = (await activeStages(em)).find((s) => s.outcome === 'open');
  if (!stage) throw new NotPermittedError('no-stage');
  return stage;
}

/**
 * A new deal on a customer the user may change, owned by the user, in the given open stage or
 * the first one. Runs in the caller's transaction when given one (lead conversion).
 */
export async function openOpportunity(
  em: EntityManager,
  acting: Acting,
  input: OpenOpportunity,
  lead?: { id: number },
): Promise<Opportunity> {
  const { customerId, stageId, ...fields } = input;
  refuseUneditable(acting.access, [{ object: 'opportunity', fields: Object.keys(fields) }]);
  return em.transactional(async (tx) => {
    const customer = await customerFor(tx, acting.access, customerId, { purpose: 'change' });
    const stage = stageId === undefined ? await firstOpenStage(tx) : await openStage(tx, stageId);
    const deal = tx.create(OpportunitySchema, {
      ...fields,
      customer: tx.getReference(CustomerSchema, customer.id),
      owner: tx.getReference(UserSchema, acting.user.id),
      stage,
      ...(lead && { lead: lead.id }),
    });
    tx.create(StageChangeSchema, { opportunity: deal, toStage: stage, by: acting.user.id });
    await auditCreated(tx, acting, 'opportunity', deal, snapshot);
    return deal;
  });
}

/** One change of a deal, under a row lock, audited. */
export function changeDeal(
  em: EntityManager,
  acting: Acting,
  id: number,
  change: (tx: EntityManager, deal: Opportunity) => Promise<void>,
): Promise<Opportunity> {
  return em.transactional(async (tx) => {
    // The lock first (a missing id locks nothing), then the scoped load that answers 404 or 403.
    await tx.findOne(OpportunitySchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const deal = await opportunityFor(tx, acting.access, id, 'change');
    const before = snapshot(deal);
    await change(tx, deal);
    audit(tx, acting, {
      action: 'update',
      objectType: 'opportunity',
      objectId: id,
      changes: changesBetween(before, snapshot(deal)),
    });
    await tx.flush();
    return deal;
  });
}

function refuseClosed(deal: Opportunity) {
  if (deal.status !== 'open') throw new NotPermittedError('deal-closed', { status: deal.status });
}

/** A move, in the history; a stalled-deal card about the deal then shows that it moved on. */
async function moveTo(
  tx: EntityManager,
  acting: Acting,
  deal: Opportunity,
  to: PipelineStage,
  note: string | null | undefined,
  notifier: Notifier,
) {
  recordMove(tx, deal, to, acting.user.id, note ?? null);
  await notifier.refreshCards(tx, stalledDealSubject(deal.id));
}

export function updateOpportunity(
  em: EntityManager,
  acting: Acting,
  id: number,
  fields: OpportunityFields,
): Promise<Opportunity> {
  refuseUneditable(acting.access, [{ object: 'opportunity', fields: Object.keys(fields) }]);
  return changeDeal(em, acting, id, async (_tx, deal) => {
    refuseClosed(deal);
    Object.assign(deal, fields);
  });
}

/** Who hears of a move: the stalled-deal card's refresh, and a gated stage's 阶段审批. */
export interface MoveNotices {
  notifier: Notifier;
  approvals: ApprovalNotices;
}

/**
 * To another open stage; moving to the stage it is in is refused, so history has no empty steps. A
 * stage an administrator gated is not entered: a 阶段审批 is asked for instead, and the refusal says so.
 */
export async function moveOpportunity(
  em: EntityManager,
  acting: Acting,
  { id, stageId, note }: { id: number; stageId: number; note?: string },
  { notifier, approvals }: MoveNotices,
): Promise<Opportunity> {
  await gateMove(em, acting, id, stageId, approvals, note);
  return changeDeal(em, acting, id, async (tx, deal) => {
    refuseClosed(deal);
    const to = await openStage(tx, stageId);
    if (to.id === deal.stage.id) throw new NotPermittedError('deal-same-stage', { stage: to.name });
    await moveTo(tx, acting, deal, to, note, notifier);
  });
}

export function winOpportunity(
  em: EntityManager,
  acting: Acting,
  id: number,
  notifier: Notifier,
  note?: string,
): Promise<Opportunity> {
  return changeDeal(em, acting, id, async (tx, deal) => {
    refuseClosed(deal);
    await moveTo(tx, acting, deal, await closingStage(tx, 'won'), note, notifier);
    deal.status = 'won';
    deal.closedAt = new Date();
  });
}

export function loseOpportunity(
  em: EntityManager,
  acting: Acting,
  id: number,
  reason: string,
  notifier: Notifier,
): Promise<Opportunity> {
  return changeDeal(em, acting, id, async (tx, deal) => {
    refuseClosed(deal);
    await moveTo(tx, acting, deal, await closingStage(tx, 'lost'), reason, notifier);
    deal.status = 'lost';
    deal.lostReason = reason;
    deal.closedAt = new Date();
  });
}

/** The deal's stage moves, oldest first. */
export function stageHistory(em: EntityManager, deal: Opportunity) {
  return em.find(
    StageChangeSchema,
    { opportunity: deal.id },
    { populate: ['fromStage', 'toStage', 'by'], orderBy: { at: 'asc', id: 'asc' } },
  );
}
