import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// The org tree, mirrored from WeCom / DingTalk. `path` is the materialised chain of ids
// ("/1/4/9/") so "department and its children" is one indexed prefix match, not a recursive query.
export const DepartmentSchema = defineEntity({
  name: 'Department',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(100),
    parentId: p.integer().nullable().index(),
    path: p.string().length(500).index(),
    sortOrder: p.integer().default(0),
    wecomId: p.string().length(64).nullable().unique(),
    dingtalkId: p.string().length(64).nullable().unique(),
    /** The team's group chats, where its cards (new leads, alerts) are posted. */
    wecomChatId: p.string().length(64).nullable(),
    dingtalkConversationId: p.string().length(128).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Department = InferEntity<typeof DepartmentSchema>;
