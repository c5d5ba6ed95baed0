import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CustomerSchema } from './customer.js';
import { gridIndexes } from './grid-indexes.js';
import { LeadSchema } from './lead.js';
import { UserSchema } from './user.js';

export const stageOutcomes = ['open', 'won', 'lost'] as const;
export type StageOutcome = (typeof stageOutcomes)[number];

// A stage of the sales pipeline, configurable by the admin. `won` and `lost` stages close a deal.
export const PipelineStageSchema = defineEntity({
  name: 'PipelineStage',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(50).unique(),
    position: p.integer().default(0),
    /** Win probability in percent, 0–100. */
    probability: p.integer().default(0),
    /** A deal with no stage change and no follow-up for this many days is stalled; null: never. */
    stalledAfterDays: p.integer().nullable(),
    outcome: p.enum(stageOutcomes).default('open'),
    /** A stage gate (issue 14): a deal enters it only once a 阶段审批 application is approved. */
    requiresApproval: p.boolean().default(false),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type PipelineStage = InferEntity<typeof PipelineStageSchema>;

export const opportunityStatuses = ['open', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof opportunityStatuses)[number];

// A deal with a customer. Money is integer cents (fen). `stageChangedAt` and the customer's last
// follow-up tell whether it is stalled.
export const OpportunitySchema = defineEntity({
  name: 'Opportunity',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(200),
    /** Indexed: a customer's deals (the 360° view, the timeline, every deal list's data scope). */
    customer: p.manyToOne(CustomerSchema).deleteRule('cascade').index(),
    owner: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    stage: p.manyToOne(PipelineStageSchema),
    amountCents: p.bigint('number').default(0),
    expectedCloseDate: p.date().nullable(),
    status: p.enum(opportunityStatuses).default('open'),
    lostReason: p.string().length(500).nullable(),
    closedAt: p.datetime().nullable(),
    stageChangedAt: p.datetime().onCreate(() => new Date()),
    /** The lead it was converted from. */
    lead: p.manyToOne(LeadSchema).nullable().deleteRule('set null'),
    customFields: p.json<Record<string, unknown>>().columnType('jsonb').default('{}'),
    /** The deal's own DingTalk group (关联商机), where its approval cards are posted too. */
    dingtalkConversationId: p.string().length(128).nullable(),
    deletedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [
    { properties: ['status', 'stage'] },
    { properties: ['owner', 'status'] },
    // The deals grid's keyset orders (domain/sales/grid): live deals by an order and id, alone or
    // within one owner or one stage, so that its first page is read off an index.
    ...gridIndexes(
      'opportunity',
      [
        ['updated_at'],
        ['created_at'],
        ['name'],
        ['amount_cents'],
        ['owner_id', 'updated_at'],
        ['stage_id', 'updated_at'],
      ],
      { live: true },
    ),
    // The pipeline board's columns: a stage's deals, those that entered it last first (sales/board.ts).
    {
      name: 'opportunity_board_idx',
      expression:
        'create index "opportunity_board_idx" on "opportunity" ("stage_id", "stage_changed_at", "id") where "deleted_at" is null',
    },
  ],
});

export type Opportunity = InferEntity<typeof OpportunitySchema>;

// Every stage move of a deal, for the history, the funnel and stalled-deal detection.
export const StageChangeSchema = defineEntity({
  name: 'StageChange',
  properties: {
    id: p.integer().primary().autoincrement(),
    opportunity: p.manyToOne(OpportunitySchema).deleteRule('cascade'),
    fromStage: p.manyToOne(PipelineStageSchema).nullable(),
    toStage: p.manyToOne(PipelineStageSchema),
    by: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    note: p.string().length(500).nullable(),
    at: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['opportunity', 'at'] }],
});

export type StageChange = InferEntity<typeof StageChangeSchema>;
