import type { FieldAccess, FieldRules } from '@kelian/orm';

// Field rules of several roles combine like their scopes: a user holding two roles may do with a
// field whatever either role allows. A role that does not list a field leaves it editable, so one
// role without a rule for a field makes it editable for the user.

/** object → field → rule, only for the fields some rule restricts for this user. */
export type MergedFieldRules = Readonly<Record<string, Readonly<Record<string, FieldAccess>>>>;

/** From the least to the most the viewer may do: each rule allows what the ones before it allow. */
export const ladder: readonly FieldAccess[] = ['hidden', 'masked', 'readonly', 'editable'];

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
