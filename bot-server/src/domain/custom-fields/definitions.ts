import {
  type CustomFieldDefinition,
  CustomFieldDefinitionSchema,
  type CustomFieldObject,
  type CustomFieldType,
} from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError, RefusedError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { InvalidInputError } from '../errors.js';
import { optionsInUse, type StoredValuesTarget, unfitCount } from './stored-values.js';

// The admin's custom field definitions. Everyone reads them (forms and the 360° view show their
// labels); only an administrator writes. A key is stable once created: values are stored under it.
// A type or its options change only while every stored value still fits: nothing is converted, and
// no record is left holding a value its field would refuse.

export interface NewDefinition {
  object: CustomFieldObject;
  key: string;
  label: string;
  type: CustomFieldType;
  options?: string[];
  required?: boolean;
  position?: number;
}

export type DefinitionPatch = Partial<
  Pick<NewDefinition, 'label' | 'type' | 'options' | 'required' | 'position'>
>;

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
    // Values stored under the key before (free-form, or under a deleted definition) must fit too.
    await refuseUnfitType(tx, { ...input, options: input.options ?? [] }, '设为');
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
    // Locked until the change commits: a customer write checking its values against this field
    // (validate.ts holds it FOR SHARE) waits, then meets the new definition; one already under way
    // commits first, and its value is counted below.
    const definition = await definitionFor(tx, id, LockMode.PESSIMISTIC_WRITE);
    const before = snapshot(definition);
    const given: DefinitionPatch = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    );
    // A field that stops being a choice drops its options unless the admin names some (refused).
    if (given.type && !hasChoices(given.type) && given.options === undefined) given.options = [];
    tx.assign(definition, given);
    refuseOptions(definition.type, definition.options as string[]);
    await refuseUnfitValues(tx, before, definition);
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

async function definitionFor(em: EntityManager, id: number, lock?: LockMode): Promise<CustomFieldDefinition> {
  const definition = await em.findOne(CustomFieldDefinitionSchema, id, lock ? { lockMode: lock } : {});
  if (!definition) throw new NotVisibleError('customField');
  return definition;
}

function refuseNonAdmin(acting: Acting): void {
  requireAdministration(acting, 'customFields');
}

const hasChoices = (type: CustomFieldType) => type === 'select' || type === 'multi_select';

function refuseOptions(type: CustomFieldType, options: string[]): void {
  const choices = hasChoices(type);
  if (choices && options.length === 0)
    throw new InvalidInputError('options', '单选和多选字段至少需要一个选项');
  if (!choices && options.length > 0)
    throw new InvalidInputError('options', '只有单选和多选字段可以设置选项');
  if (new Set(options).size !== options.length) throw new InvalidInputError('options', '选项不能重复');
}

const typeNames: Record<CustomFieldType, string> = {
  text: '文字',
  number: '数字',
  date: '日期',
  select: '单选',
  multi_select: '多选',
};

const unfitProblems: Record<CustomFieldType, string> = {
  text: '值不是文字',
  number: '值不是数字',
  date: '值不是 YYYY-MM-DD 格式的日期',
  select: '值不在新的选项中',
  multi_select: '值不是新选项中的多选',
};

/** Refuses a type (with its options) that values already stored under the key would not fit. */
async function refuseUnfitType(
  em: EntityManager,
  target: StoredValuesTarget & { label: string },
  verb: '设为' | '改为',
): Promise<void> {
  const count = await unfitCount(em, target);
  if (count > 0)
    throw new RefusedError('custom-field-values-unfit', {
      object: target.object,
      label: target.label,
      count,
      problem: unfitProblems[target.type],
      type: typeNames[target.type],
      verb,
    });
}

/** Refuses a new type, or options removed, that values stored under the key would not fit. */
async function refuseUnfitValues(
  em: EntityManager,
  before: ReturnType<typeof snapshot>,
  after: CustomFieldDefinition,
): Promise<void> {
  const options = after.options as string[];
  const target = { object: after.object, key: after.key, type: after.type, options };
  if (after.type !== before.type) return refuseUnfitType(em, { ...target, label: before.label }, '改为');
  const removed = (before.options as string[]).filter((o) => !options.includes(o));
  const used = await optionsInUse(em, target, removed);
  if (used.length > 0)
    throw new RefusedError('custom-field-option-in-use', {
      object: after.object,
      label: before.label,
      count: await unfitCount(em, target),
      options: used.join('、'),
    });
}

const snapshot = (d: CustomFieldDefinition) => ({
  object: d.object,
  key: d.key,
  label: d.label,
  type: d.type,
  options: [...(d.options as string[])],
  required: d.required,
  position: d.position,
});
