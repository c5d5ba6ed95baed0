import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { UserSchema } from './user.js';

/** The lists a grid shows, each with its own columns (bot-server/src/domain/grid/). */
export const savedViewObjects = ['customers', 'leads', 'deals'] as const;
export type SavedViewObject = (typeof savedViewObjects)[number];

/** One column filter of a grid: `column` is a grid column key (`level`, `cf.预算`). */
export interface SavedFilter {
  column: string;
  op: string;
  value?: unknown;
}

// A person's own way of looking at a list (客户 in the desktop grid): which columns in which order,
// the sort and the column filters. Personal, so never shared and gone with its owner.
export const SavedViewSchema = defineEntity({
  name: 'SavedView',
  properties: {
    id: p.integer().primary().autoincrement(),
    user: p.manyToOne(UserSchema).deleteRule('cascade'),
    object: p.enum(savedViewObjects),
    name: p.string().length(50),
    columns: p.json<string[]>().columnType('jsonb'),
    /** A column key, ascending; with a leading `-`, descending. */
    sort: p.string().length(80),
    filters: p.json<SavedFilter[]>().columnType('jsonb'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['user', 'object', 'name'] }],
});

export type SavedView = InferEntity<typeof SavedViewSchema>;
