/**
 * Sets the fields of `record` whose value differs and tells whether any did. Writing only real
 * differences keeps a sync that finds nothing new from touching a row (or its `updatedAt`).
 * Entities compare by id.
 */
export function patch<T extends object>(record: T, values: Partial<T>): boolean {
  let changed = false;
  for (const [field, value] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (same(record[field], value)) continue;
    record[field] = value;
    changed = true;
  }
  return changed;
}

function same(a: unknown, b: unknown): boolean {
  const id = (v: unknown) => (typeof v === 'object' && v !== null && 'id' in v ? v.id : v);
  return (id(a) ?? null) === (id(b) ?? null);
}
