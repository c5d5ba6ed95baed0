// Before/after values for the audit log, as JSON: dates become ISO strings, and only fields whose
// value really changed are kept.

export type Changes = Record<string, { before: unknown; after: unknown }>;

type Snapshot = Record<string, unknown>;

/** The value as JSON, objects with their keys sorted: jsonb hands keys back in its own order. */
function canonical(value: unknown): unknown {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  if (Array.isArray(plain)) return plain.map(canonical);
  if (plain !== null && typeof plain === 'object')
    return Object.fromEntries(
      Object.entries(plain)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return plain;
}

/** The fields that differ between two snapshots of the same record. */
export function changesBetween(before: Snapshot, after: Snapshot): Changes {
  const changes: Changes = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = canonical(before[field]);
    const a = canonical(after[field]);
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[field] = { before: b, after: a };
  }
  return changes;
}

/** A new record: every field that has a value, from nothing. */
export const created = (after: Snapshot): Changes => changesBetween({}, after);
