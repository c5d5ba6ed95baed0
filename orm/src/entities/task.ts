import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CustomerSchema } from './customer.js';
import { FollowUpRuleSchema } from './follow-up-rule.js';
import { LeadSchema } from './lead.js';
import { OpportunitySchema } from './opportunity.js';
import { UserSchema } from './user.js';

export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

// Something a person must do by a time, about a customer (or a lead, or a deal). Created by a
// follow-up rule, by a follow-up's next step, or by hand. `remindedAt` marks the reminder card as
// sent, set by a conditional update so that it is sent once.
export const TaskSchema = defineEntity({
  name: 'Task',
  properties: {
    id: p.integer().primary().autoincrement(),
    title: p.string().length(200),
    note: p.text().nullable(),
    assignee: p.manyToOne(UserSchema).deleteRule('cascade'),
    /** Indexed: a customer's tasks (the 360° view, the timeline). */
    customer: p.manyToOne(CustomerSchema).nullable().deleteRule('cascade').index(),
    lead: p.manyToOne(LeadSchema).nullable().deleteRule('cascade'),
    opportunity: p.manyToOne(OpportunitySchema).nullable().deleteRule('cascade'),
    dueAt: p.datetime(),
    status: p.enum(taskStatuses).default('open'),
    doneAt: p.datetime().nullable(),
    remindedAt: p.datetime().nullable(),
    postponements: p.integer().default(0),
    rule: p.manyToOne(FollowUpRuleSchema).nullable().deleteRule('set null'),
    createdBy: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [
    { properties: ['assignee', 'status', 'dueAt'] },
    { properties: ['status', 'remindedAt', 'dueAt'] },
    // 待办's `done` list: a person's finished tasks, newest first (domain/followups/list.ts).
    {
      name: 'task_done_idx',
      expression:
        'create index "task_done_idx" on "task" ("assignee_id", "done_at" desc, "id") where "status" = \'done\'',
    },
  ],
});

export type Task = InferEntity<typeof TaskSchema>;
