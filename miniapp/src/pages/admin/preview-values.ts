// How the preview writes a value the previewed person would get: a field the rules hide is absent
// from the server's answer (so it says 隐藏), an empty one is null, a person or tag has a name.

/** The customer's kind is the one coded value among the ruled fields. */
const words: Record<string, string> = { company: '企业', person: '个人' };

export function shownValue(value: unknown): string {
  if (value === undefined) return '隐藏';
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map(shownValue).join('、') || '—';
  if (typeof value === 'object') {
    if ('name' in value) return String(value.name);
    const filled = Object.keys(value).length;
    return filled ? `${filled} 项` : '—';
  }
  return words[String(value)] ?? String(value);
}

export const isHidden = (value: unknown) => value === undefined;

/** A record's field by the vocabulary's name for it. */
export const fieldOf = (record: object, field: string): unknown => (record as Record<string, unknown>)[field];
