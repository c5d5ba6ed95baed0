import type { Role, RoleInput, Scope } from '../../services/admin';

// A role as the editor holds it before 保存: what the server takes (rights per object, field rules
// per object and field) and nothing more. A field without a rule is editable, so choosing 可编辑
// removes the rule rather than storing the default.

export interface Draft {
  name: string;
  defaultScope: Scope | undefined;
  rights: Record<string, string[]>;
  fieldRules: NonNullable<RoleInput['fieldRules']>;
}

export type FieldAccess = Draft['fieldRules'][string][string];

export const blankDraft = (): Draft => ({
  name: '',
  defaultScope: undefined,
  rights: { customer: ['read'] },
  fieldRules: {},
});

export const draftOf = (role: Role): Draft => ({
  name: role.name,
  defaultScope: role.defaultScope,
  rights: role.rights,
  fieldRules: role.fieldRules,
});

export function toggleVerb(draft: Draft, object: string, verb: string): Draft {
  const held = draft.rights[object] ?? [];
  const verbs = held.includes(verb) ? held.filter((v) => v !== verb) : [...held, verb];
  return { ...draft, rights: { ...draft.rights, [object]: verbs } };
}

export const accessOf = (draft: Draft, object: string, field: string): FieldAccess =>
  draft.fieldRules[object]?.[field] ?? 'editable';

export function setAccess(draft: Draft, object: string, field: string, access: FieldAccess): Draft {
  const { [field]: _, ...others } = draft.fieldRules[object] ?? {};
  const rules = access === 'editable' ? others : { ...others, [field]: access };
  return { ...draft, fieldRules: { ...draft.fieldRules, [object]: rules } };
}

/** What 保存 sends: empty objects left out, so an untouched object stays absent. */
export function inputOf(draft: Draft): RoleInput {
  const rights = Object.fromEntries(Object.entries(draft.rights).filter(([, verbs]) => verbs.length > 0));
  const fieldRules = Object.fromEntries(
    Object.entries(draft.fieldRules).filter(([, rules]) => Object.keys(rules).length > 0),
  );
  return { name: draft.name, defaultScope: draft.defaultScope, rights, fieldRules };
}
