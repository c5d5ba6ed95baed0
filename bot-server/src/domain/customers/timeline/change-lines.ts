import type { Access } from '../../access/access.js';
import { ruleOf } from '../../access/field-rules.js';
import { fieldLabel } from '../../access/fields.js';
import { present } from '../../access/present.js';
import type { Changes } from '../../audit/changes.js';

// An audit entry's before/after values as lines people read ("等级：B → A"), each value shown
// through the one presenter: a masked field shows masked values, a hidden field no line at all.

/** Names of the users and tags the audit log keeps by id. */
export interface Names {
  users: ReadonlyMap<number, string>;
  tags: ReadonlyMap<number, string>;
}

/** Fields told elsewhere: the owner in the title, the recycle bin and merges by the action. */
const untold = new Set(['owner', 'deletedAt', 'mergedIntoId']);

const kinds: Record<string, string> = { company: '公司', person: '个人' };

function text(field: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return '空';
  if (field === 'kind') return kinds[String(value)] ?? String(value);
  if (field === 'tags' && Array.isArray(value))
    return value.length === 0 ? '空' : value.map((id) => names.tags.get(Number(id)) ?? `#${id}`).join('、');
  if (Array.isArray(value)) return value.join('、');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The value as this viewer may see it; undefined when the field is hidden from them. */
function shown(access: Access, field: string, value: string): string | undefined {
  const values: Record<string, unknown> = present(
    access,
    'customer',
    { [field]: value },
    { changeable: false },
  ).values;
  return field in values ? String(values[field]) : undefined;
}

export function changeLines(access: Access, changes: Changes, names: Names): string[] {
  return Object.entries(changes).flatMap(([field, { before, after }]) => {
    if (untold.has(field) || ruleOf(access, 'customer', field) === 'hidden') return [];
    // Each custom field is a line of its own, named by its key.
    const parts =
      field === 'customFields'
        ? customFieldChanges(before, after).map((c) => ({ label: `自定义字段「${c.key}」`, ...c }))
        : [{ label: fieldLabel('customer', field), before, after }];
    return parts.map(
      (p) =>
        `${p.label}：${shown(access, field, text(field, p.before, names))} → ${shown(access, field, text(field, p.after, names))}`,
    );
  });
}

function customFieldChanges(before: unknown, after: unknown) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => ({ key, before: b[key], after: a[key] }));
}
