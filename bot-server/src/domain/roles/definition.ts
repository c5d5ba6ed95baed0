import type { DataScope, FieldAccess, FieldRules, Rights, RightVerb } from '@kelian/orm';
import { RefusedError } from '../access/errors.js';
import { isRuledField, ruledFields } from '../access/fields.js';
import { rightsOffered } from './vocabulary.js';

// What an administrator says a role is, checked against what Kelian knows: the objects and verbs
// the policy reads (Role.rights), the fields the presenter rules (access/fields.ts). A rule on
// something that does not exist would be silently ignored, so it is refused, with its name.

export interface RoleRules {
  /** Optional here so that leaving it out gets its own clear refusal. */
  defaultScope?: DataScope | undefined;
  rights: Record<string, readonly string[]>;
  fieldRules: Record<string, Record<string, FieldAccess>>;
}

export interface CheckedRules {
  defaultScope: DataScope;
  rights: Rights;
  fieldRules: FieldRules;
}

const isRuledObject = (o: string): o is keyof typeof ruledFields => Object.hasOwn(ruledFields, o);

export function checkRules(rules: RoleRules): CheckedRules {
  if (!rules.defaultScope) throw new RefusedError('role-scope-missing');
  const rights: Rights = {};
  for (const [object, verbs] of Object.entries(rules.rights)) {
    // Each object knows its verbs; `administer` is company-wide and speaks of settings only.
    const offered = rightsOffered.find((o) => o.object === object);
    if (!offered) throw new RefusedError('role-object-unknown', { object });
    for (const verb of verbs)
      if (!(offered.verbs as string[]).includes(verb))
        throw new RefusedError('role-verb-unknown', { object, verb });
    rights[offered.object] = [...new Set(verbs as RightVerb[])];
  }
  for (const [object, fields] of Object.entries(rules.fieldRules)) {
    if (!isRuledObject(object)) throw new RefusedError('role-object-unknown', { object });
    for (const field of Object.keys(fields))
      if (!isRuledField(object, field))
        throw new RefusedError('role-field-unknown', { field: `${object}.${field}` });
  }
  return { defaultScope: rules.defaultScope, rights, fieldRules: rules.fieldRules };
}
