import type { FieldAccess } from '@kelian/orm';
import type { Access } from './access.js';
import { FieldsRefusedError } from './errors.js';
import { fieldLabel, type RuledObject } from './fields.js';
import { ladder } from './merge-field-rules.js';

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
