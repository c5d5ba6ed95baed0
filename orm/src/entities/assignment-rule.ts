import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { DepartmentSchema } from './department.js';
import { UserSchema } from './user.js';

/**
 * How a team hands out the leads a rule sends it: `claim` posts the lead card to the team and the
 * first 认领 wins; `round_robin` and `least_loaded` pick an owner at once.
 */
export const assignmentStrategies = ['claim', 'round_robin', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof assignmentStrategies)[number];

// An ordered lead assignment rule: the first enabled rule whose conditions all match a lead sends
// it to `team`. An empty condition list matches anything. No rule matches → the pool (公海).
export const AssignmentRuleSchema = defineEntity({
  name: 'AssignmentRule',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(100),
    /** Rules are tried in ascending position. */
    position: p.integer().default(0),
    enabled: p.boolean().default(true),
    /** Province-level regions (北京, 天津 …); a lead's region matches when it starts with one. */
    regions: p.array().default([]),
    sources: p.array().default([]),
    industries: p.array().default([]),
    team: p.manyToOne(DepartmentSchema).deleteRule('cascade'),
    strategy: p.enum(assignmentStrategies).default('claim'),
    /** A lead of this rule left untouched this many days returns to the pool; null: never. */
    recycleAfterDays: p.integer().nullable(),
    /** Round-robin's memory: who got the previous lead. */
    lastAssignee: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type AssignmentRule = InferEntity<typeof AssignmentRuleSchema>;
