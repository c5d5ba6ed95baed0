import {
  type CustomFieldDefinition,
  CustomFieldDefinitionSchema,
  type CustomFieldObject,
  type CustomFieldType,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { InvalidInputError } from '../errors.js';

// The admin's custom field definitions. Everyone reads them (forms and the 360° view show their
// labels); only an administrator writes. A key is stable once created: values are stored under it.

export interface NewDefinition {
  object: CustomFieldObject;
  key: string;
  label: string;
  type: CustomFieldType;
  options?: string[];
  required?: boolean;
  position?: number;
}

export type DefinitionPatch = Partial<Pick<NewDefinition, 'label' | 'options' | 'required' | 'position'>>;

export const listDefinitions = (em: EntityManager, object?: CustomFieldObject) =>
  em.find(CustomFieldDefinitionSchema, object ? { object } : {}, {
    orderBy: [{ object: 'asc' }, { position: 'asc' }, { id: 'asc' }],
  });

export async function createDefinition(
  em: EntityManager,
  acting: Acting,
  input: NewDefinition,
): Promise<CustomFieldDefinition> {
  refuseNonAdmin(acting);
  refuseOptions(input.type, input.options ?? []);
  return em.transactional(async (tx) => {
    if (await tx.count(CustomFieldDefinitionSchema, { object: input.object, key: input.key }))
      throw new InvalidInputError('key', `已有名为「${input.key}」的自定义字段`);
    const definition = tx.create(CustomFieldDefinitionSchema, { ...input, options: input.options ?? [] });
    await auditCreated(tx, acting, 'customFieldDefinition', definition, snapshot);
    return definition;
  });
}

export async function updateDefinition(
  em: EntityManager,
  acting: Acting,
  id: number,
  patch: DefinitionPatch,
): Promise<CustomFieldDefinition> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    const definition = await definitionFor(tx, id);
    const before = snapshot(definition);
    tx.assign(definition, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    refuseOptions(definition.type, definition.options as string[]);
    await tx.flush();
    const changes = changesBetween(before, snapshot(definition));
    if (Object.keys(changes).length)
      audit(tx, acting, { action: 'update', objectType: 'customFieldDefinition', objectId: id, changes });
    return definition;
  });
}

/** Removes the definition; stored values stay in the records as free-form values. */
export async function deleteDefinition(em: EntityManager, acting: Acting, id: number): Promise<void> {
  refuseNonAdmin(acting);
  await em.transactional(async (tx) => {
    const definition = await definitionFor(tx, id);
    audit(tx, acting, {
      action: 'delete',
      objectType: 'customFieldDefinition',
      objectId: id,
      changes: changesBetween(snapshot(definition), {}),
    });
    tx.remove(definition);
  });
}

async function definitionFor(em: EntityManager, id: number): Promise<CustomFieldDefinition> {
  const definition = await em.findOne(CustomFieldDefinitionSchema, id);
  if (!definition) throw new NotVisibleError('customField');
  return definition;
}

function refuseNonAdmin(acting: Acting): void {
  requireAdministration(acting, 'customFields');
}

function refuseOptions(type: CustomFieldType, options: string[]): void {
  const choices = type === 'select' || type === 'multi_select';
  if (choices && options.length === 0)
    throw new InvalidInputError('options', '单选和多选字段至少需要一个选项');
  if (!choices && options.length > 0)
    throw new InvalidInputError('options', '只有单选和多选字段可以设置选项');
  if (new Set(options).size !== options.length) throw new InvalidInputError('options', '选项不能重复');
}

const snapshot = (d: CustomFieldDefinition) => ({
  object: d.object,
  key: d.key,
  label: d.label,
  type: d.type,
  options: d.options,
  required: d.required,
  position: d.position,
});
