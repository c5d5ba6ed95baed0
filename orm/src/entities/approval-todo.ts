import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ApprovalTaskSchema } from './approval.js';

// An approval task mirrored as a DingTalk 待办 (platform-additions §5): the approver sees it in
// DingTalk's to-do list until the task is decided, handed on or ended, when it is marked done. The
// row is written before DingTalk is asked, so a retry after a crash knows a create may have reached
// DingTalk and asks again under the same sourceId (DingTalk answers "task exist" to a repeat).

/**
 * creating: asked for (or about to be), DingTalk's id not known yet; open: on the approver's list;
 * done: marked done on DingTalk, or nothing there to mark; failed: DingTalk refused the request
 * itself (an oversize field): logged, not tried again.
 */
export const approvalTodoStates = ['creating', 'open', 'done', 'failed'] as const;
export type ApprovalTodoState = (typeof approvalTodoStates)[number];

export const ApprovalTodoSchema = defineEntity({
  name: 'ApprovalTodo',
  properties: {
    id: p.integer().primary().autoincrement(),
    task: p.manyToOne(ApprovalTaskSchema).unique().deleteRule('cascade'),
    /** The approver's DingTalk unionId when it was created: owner, creator and executor of the 待办. */
    unionId: p.string().length(64),
    /** Kelian's id for it on DingTalk, one per approval task: a repeated create is refused as "task exist". */
    sourceId: p.string().length(100).unique(),
    /** DingTalk's id of the 待办 (`id` of the create answer). */
    todoId: p.string().length(100).nullable(),
    state: p.enum(approvalTodoStates).default('creating'),
    lastError: p.string().length(2000).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    doneAt: p.datetime().nullable(),
  },
  // The sweep looks for rows still to finish.
  indexes: [{ properties: ['state'] }],
});

export type ApprovalTodo = InferEntity<typeof ApprovalTodoSchema>;
