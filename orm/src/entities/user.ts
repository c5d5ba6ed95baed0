import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { DepartmentSchema } from './department.js';

// A person of the company. One Kelian user can be known to WeCom and DingTalk at the same time;
// each identity is unique so a callback's sender maps to exactly one user.
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(100),
    mobile: p.string().length(32).nullable(),
    email: p.string().length(200).nullable(),
    title: p.string().length(100).nullable(),
    department: p.manyToOne(DepartmentSchema).nullable().deleteRule('set null'),
    /** The user's manager, for stalled-deal alerts and approval routing. */
    managerId: p.integer().nullable(),
    active: p.boolean().default(true),
    wecomUserId: p.string().length(64).nullable().unique(),
    dingtalkUserId: p.string().length(64).nullable().unique(),
    dingtalkUnionId: p.string().length(64).nullable().unique(),
    /**
     * Set when an administrator merged this user into another (the same person, unmatched across
     * the platforms): the row stays, inactive and without platform ids, so what it did still names it.
     */
    mergedIntoId: p.integer().nullable(),
    mergedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type User = InferEntity<typeof UserSchema>;
