import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CustomerSchema } from './customer.js';
import { OpportunitySchema } from './opportunity.js';
import { UserSchema } from './user.js';

// Document types an administrator names (issue 14: "any other document type an admin names", a
// customer credit limit, a trial licence): each type is a form of fields, its applications (申请)
// go through the type's approval flow like a contract does (docType `application:<type id>`).

export const applicationFieldKinds = [
  'text',
  'number',
  /** Integer cents, shown as ¥. */
  'amount',
  /** YYYY-MM-DD. */
  'date',
  'user',
  'customer',
  'opportunity',
  /** One of the field's options. */
  'choice',
] as const;
export type ApplicationFieldKind = (typeof applicationFieldKinds)[number];

export interface ApplicationField {
  /** Stable key conditions and post-approval actions name: `amount`, `reason`. */
  key: string;
  label: string;
  kind: ApplicationFieldKind;
  required: boolean;
  /** The choices of a `choice` field. */
  options?: string[];
  /** Kept for Kelian's own use (a stage gate's target stage id), not shown to people. */
  hidden?: boolean;
}

export const ApplicationTypeSchema = defineEntity({
  name: 'ApplicationType',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** 信用额度申请 */
    name: p.string().length(50).unique(),
    /** An emoji or a short mark the lists show beside the name. */
    icon: p.string().length(8).nullable(),
    /** #rrggbb */
    color: p.string().length(7).nullable(),
    fields: p.json<ApplicationField[]>().columnType('jsonb'),
    /** Kelian's own use of a type, null for an administrator's: `stage_gate` (阶段审批). */
    purpose: p.string().length(20).nullable().unique(),
    /** A retired type takes no new applications; its runs and applications stay. */
    active: p.boolean().default(true),
    createdBy: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type ApplicationType = InferEntity<typeof ApplicationTypeSchema>;

/** draft: written, not yet sent (an application is sent as it is written). */
export const applicationStatuses = ['draft', 'pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const ApplicationSchema = defineEntity({
  name: 'Application',
  properties: {
    id: p.integer().primary().autoincrement(),
    type: p.manyToOne(ApplicationTypeSchema),
    applicant: p.manyToOne(UserSchema),
    /** The field values by key, checked against the type's fields when written. */
    values: p.json<Record<string, unknown>>().columnType('jsonb'),
    /** The first customer field's value: the application is on that customer's timeline. */
    customer: p.manyToOne(CustomerSchema).nullable().deleteRule('set null'),
    /** The first deal field's value: a stage gate's deal, which the board marks 待审批. */
    opportunity: p.manyToOne(OpportunitySchema).nullable().deleteRule('set null'),
    status: p.enum(applicationStatuses).default('draft'),
    decidedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  // 我的申请: a keyset page of one applicant's applications; a deal's pending stage gate.
  indexes: [{ properties: ['applicant', 'id'] }, { properties: ['opportunity', 'status'] }],
});

export type Application = InferEntity<typeof ApplicationSchema>;
