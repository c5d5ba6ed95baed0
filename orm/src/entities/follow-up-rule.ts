import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * What starts a rule's clock: an event of the object (`event`: created, first_follow_up, claimed,
 * won …), a date field of it (`date`: a column or `customFields.<key>`), or the time since its last
 * activity (`inactivity`).
 */
export const ruleTriggers = ['event', 'date', 'inactivity'] as const;
export type RuleTrigger = (typeof ruleTriggers)[number];

export const ruleObjects = ['customer', 'lead', 'opportunity'] as const;
export type RuleObject = (typeof ruleObjects)[number];

/** `task`: a task for the object's owner; `pool`: the object goes back to the pool (公海). */
export const ruleActions = ['task', 'pool'] as const;
export type RuleAction = (typeof ruleActions)[number];

// A declarative follow-up rule, e.g. "3 days after the first contact: revisit" (event,
// first_follow_up, +3, task), "15 days before 合同到期日: renewal" (date, customFields.合同到期日,
// -15, task), "no follow-up for 30 days: back to the pool" (inactivity, 30, pool).
// Each rule fires at most once per object and occurrence (see Firing).
export const FollowUpRuleSchema = defineEntity({
  name: 'FollowUpRule',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(100),
    enabled: p.boolean().default(true),
    object: p.enum(ruleObjects),
    trigger: p.enum(ruleTriggers),
    /** For `event`: the event's name. */
    event: p.string().length(50).nullable(),
    /** For `date`: the field, a column name or `customFields.<key>`. */
    dateField: p.string().length(100).nullable(),
    /** Days after the event or date (negative: before); for `inactivity`, the idle days. */
    offsetDays: p.integer(),
    action: p.enum(ruleActions),
    /** The created task's title, for `task`. */
    taskTitle: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type FollowUpRule = InferEntity<typeof FollowUpRuleSchema>;

// The proof that something meant to happen once has happened: a rule for an object and
// occurrence, a day's morning summary for a user, a stalled-deal alert for a stage visit. Whoever
// inserts the key first does the work, in the same transaction; every other instance or retry
// finds the key taken and does nothing.
export const FiringSchema = defineEntity({
  name: 'Firing',
  properties: {
    key: p.string().length(200).primary(),
    firedAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Firing = InferEntity<typeof FiringSchema>;
