import {
  type DataScope,
  type FieldAccess,
  type FieldRules,
  type Rights,
  type RightVerb,
  rightObjects,
  rightVerbs,
} from '@kelian/orm';
import { RefusedError } from '../access/errors.js';
import { isRuledField, ruledFields } from '../access/fields.js';

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

const isRightObject = (o: string): o is (typeof rightObjects)[number] =>
  (rightObjects as readonly string[]).includes(o);
const isRuledObject = (o: string): o is keyof typeof ruledFields => Object.hasOwn(ruledFields, o);

export function checkRules(rules: RoleRules): CheckedRules {
  if (!rules.defaultScope) throw new RefusedError('role-scope-missing');
  const rights: Rights = {};
  for (const [object, verbs] of Object.entries(rules.rights)) {
    if (!isRightObject(object)) throw new RefusedError('role-object-unknown', { object });
    // `administer` is company-wide and speaks of settings only; settings know no other verb.
    for (const verb of verbs)
      if (
        !(rightVerbs as readonly string[]).includes(verb) ||
        (verb === 'administer') !== (object === 'settings')
      )
        throw new RefusedError('role-verb-unknown', { object, verb });
    rights[object] = [...new Set(verbs as RightVerb[])];
  }
  for (const [object, fields] of Object.entries(rules.fieldRules)) {
    if (!isRuledObject(object)) throw new RefusedError('role-object-unknown', { object });
    for (const field of Object.keys(fields))
      if (!isRuledField(object, field))
        throw new RefusedError('role-field-unknown', { field: `${object}.${field}` });
  }
  return { defaultScope: rules.defaultScope, rights, fieldRules: rules.fieldRules };
}
