import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

export const customFieldObjects = ['customer', 'lead', 'opportunity'] as const;
export type CustomFieldObject = (typeof customFieldObjects)[number];

export const customFieldTypes = ['text', 'number', 'date', 'select', 'multi_select'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

// An admin-defined field of an object. Values live in the object's `custom_fields` jsonb under
// `key`, validated against this definition on every write; `date` values are `YYYY-MM-DD`.
export const CustomFieldDefinitionSchema = defineEntity({
  name: 'CustomFieldDefinition',
  properties: {
    id: p.integer().primary().autoincrement(),
    object: p.enum(customFieldObjects),
    /** The key in custom_fields: letters, digits, underscores (Chinese allowed), stable once used. */
    key: p.string().length(50),
    label: p.string().length(50),
    type: p.enum(customFieldTypes),
    /** The choices of select and multi_select. */
    options: p.array().default([]),
    required: p.boolean().default(false),
    position: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['object', 'key'] }],
});

export type CustomFieldDefinition = InferEntity<typeof CustomFieldDefinitionSchema>;
