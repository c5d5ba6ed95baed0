import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// Tags come in groups (行业 / 等级 / 偏好 …); a group may allow only one tag per customer.
export const TagGroupSchema = defineEntity({
  name: 'TagGroup',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(50).unique(),
    exclusive: p.boolean().default(false),
    sortOrder: p.integer().default(0),
    /** The WeCom corp tag group this one mirrors, when synced. */
    wecomGroupId: p.string().length(64).nullable().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type TagGroup = InferEntity<typeof TagGroupSchema>;

export const TagSchema = defineEntity({
  name: 'Tag',
  properties: {
    id: p.integer().primary().autoincrement(),
    group: p.manyToOne(TagGroupSchema).deleteRule('cascade'),
    name: p.string().length(50),
    color: p.string().length(16).nullable(),
    sortOrder: p.integer().default(0),
    wecomTagId: p.string().length(64).nullable().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['group', 'name'] }],
});

export type Tag = InferEntity<typeof TagSchema>;
