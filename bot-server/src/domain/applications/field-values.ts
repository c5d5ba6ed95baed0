import { type ApplicationField, type ApplicationFieldKind, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { RefusedError } from '../access/errors.js';
import { customerFor, reachPopulate } from '../customers/store.js';
import { opportunityFor } from '../sales/store.js';

// What an application's fields accept, checked against its type's fields: no field the type does
// not have, every required one filled, each value of its field's kind (an amount in whole cents, a
// date that exists, a choice among the options), every person, customer and deal one that exists.
// The first problem is refused with its own code; nothing is written before all are checked.

const maxText = 500;
const kindWords: Record<ApplicationFieldKind, string> = {
  text: '文字',
  number: '数字',
  amount: '以分为单位的非负整数金额',
  date: 'YYYY-MM-DD 格式的日期',
  user: '成员编号',
  customer: '客户编号',
  opportunity: '商机编号',
  choice: '选项之一',
};

const isDate = (v: unknown): v is string =>
  typeof v === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/** Whether `value` is of the field's kind (without looking anything up): the shape alone. */
export function fitsKind(field: Pick<ApplicationField, 'kind' | 'options'>, value: unknown): boolean {
  switch (field.kind) {
    case 'text':
      return typeof value === 'string' && [...value].length <= maxText;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'amount':
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case 'date':
      return isDate(value);
    case 'user':
    case 'customer':
    case 'opportunity':
      return isId(value);
    case 'choice':
      return typeof value === 'string' && (field.options ?? []).includes(value);
  }
}

const empty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * The values to store: only the type's fields, trimmed, empty ones left out; refuses an unknown
 * field, a missing required one, a value of the wrong kind, a choice not offered, a person who is
 * not a member, a customer or deal the applicant cannot see.
 */
export async function checkValues(
  em: EntityManager,
  access: Access,
  fields: readonly ApplicationField[],
  input: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const unknown = Object.keys(input).find((key) => !byKey.has(key));
  if (unknown !== undefined) throw new RefusedError('application-field-unknown', { field: unknown });
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = typeof input[field.key] === 'string' ? (input[field.key] as string).trim() : input[field.key];
    if (empty(raw)) {
      if (field.required) throw new RefusedError('application-field-required', { label: field.label });
      continue;
    }
    if (!fitsKind(field, raw)) {
      if (field.kind === 'choice' && typeof raw === 'string')
        throw new RefusedError('application-choice-invalid', {
          label: field.label,
          options: (field.options ?? []).join('、'),
        });
      throw new RefusedError('application-field-invalid', {
        label: field.label,
        expected: kindWords[field.kind],
      });
    }
    values[field.key] = raw;
  }
  await requireRecords(em, access, fields, values);
  return values;
}

/** Every person named is a member still here; every customer and deal one the applicant sees. */
async function requireRecords(
  em: EntityManager,
  access: Access,
  fields: readonly ApplicationField[],
  values: Record<string, unknown>,
): Promise<void> {
  for (const field of fields) {
    const id = values[field.key];
    if (typeof id !== 'number') continue;
    if (field.kind === 'user' && (await em.count(UserSchema, { id, active: true })) === 0)
      throw new RefusedError('application-record-missing', { label: field.label });
    if (field.kind === 'customer') await customerFor(em, access, id, { purpose: 'read' }, reachPopulate);
    if (field.kind === 'opportunity') await opportunityFor(em, access, id);
  }
}
