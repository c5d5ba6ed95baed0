import type { FieldAccess, FieldRules } from '@kelian/orm';
import type { Access } from './access.js';
import { FieldsRefusedError } from './errors.js';
import { fieldLabel, type RuledObject } from './fields.js';

// Field rules of several roles combine like their scopes: a user holding two roles may do with a
// field whatever either role allows. A role that does not list a field leaves it editable, so one
// role without a rule for a field makes it editable for the user.

/** object → field → rule, only for the fields some rule restricts for this user. */
export type MergedFieldRules = Readonly<Record<string, Readonly<Record<string, FieldAccess>>>>;

/** From the least to the most the viewer may do: each rule allows what the ones before it allow. */
const ladder: readonly FieldAccess[] = ['hidden', 'masked', 'readonly', 'editable'];

export function mergeFieldRules(perRole: readonly FieldRules[]): MergedFieldRules {
  const merged: Record<string, Record<string, FieldAccess>> = {};
  for (const rules of perRole)
    for (const [object, fields] of Object.entries(rules))
      for (const field of Object.keys(fields)) {
        const rule = perRole
          .map((r) => r[object]?.[field] ?? 'editable')
          .reduce((a, b) => (ladder.indexOf(a) >= ladder.indexOf(b) ? a : b));
        if (rule !== 'editable') merged[object] = { ...merged[object], [field]: rule };
      }
  return merged;
}

export function ruleOf(access: Access, object: RuledObject, field: string): FieldAccess {
  return access.fieldRules[object]?.[field] ?? 'editable';
}

/** Fields a request touches: `path` prefixes them in the answer, e.g. `contacts.0.`. */
export interface FieldUse {
  object: RuledObject;
  fields: Iterable<string>;
  path?: string;
}

/**
 * Refuses a write naming any field the user may not edit: editing needs the `editable` rule, so
 * what one may not change (readonly) or not even see (masked, hidden) is refused alike.
 */
export function refuseUneditable(access: Access, uses: FieldUse[]): void {
  refuse(access, uses, 'editable', (object, field, rule) =>
    rule === 'readonly'
      ? `「${fieldLabel(object, field)}」是只读字段，不能修改`
      : `你无权修改「${fieldLabel(object, field)}」`,
  );
}

/** Filtering or sorting by a hidden field would tell its values by elimination. */
export function refuseHiddenFilters(access: Access, uses: FieldUse[]): void {
  refuse(access, uses, 'masked', (object, field) => `你无权按「${fieldLabel(object, field)}」筛选或排序`);
}

function refuse(
  access: Access,
  uses: FieldUse[],
  least: FieldAccess,
  message: (object: RuledObject, field: string, rule: FieldAccess) => string,
): void {
  const refused = uses.flatMap(({ object, fields, path = '' }) =>
    [...fields]
      .map((field) => ({ field, rule: ruleOf(access, object, field) }))
      .filter(({ rule }) => ladder.indexOf(rule) < ladder.indexOf(least))
      .map(({ field, rule }) => ({ field: `${path}${field}`, message: message(object, field, rule) })),
  );
  if (refused.length > 0) throw new FieldsRefusedError(refused);
}
