import type { Access } from './access.js';
import { ruleOf } from './field-rules.js';
import { maskOf, type RuledObject, writableFields } from './fields.js';
import { maskValue } from './mask.js';

// The one presenter: a plain record of an object in, the record as this viewer may see it out.
// Every surface shows records through it (the REST API now; bot replies, cards and exports as they
// arrive), so a field rule holds everywhere. It takes plain values, never entities: each surface
// builds the record it needs (domain/customers/records.ts) and gets back what it may show.
//
//   hidden    the field is absent: not null, not a placeholder; it is never revealed
//   masked    `138****1234`; the viewer may ask for the value on purpose (a reveal, audited)
//   readonly  shown as is; writes to it are refused (field-rules.ts)
//   editable  shown as is and may be changed

export interface Presented<T> {
  values: Partial<T>;
  /** Fields this viewer may change on this record (empty when the record itself is read-only). */
  editable: string[];
  /** Masked fields whose value the viewer may reveal. */
  revealable: string[];
}

export function present<T extends Record<string, unknown>>(
  access: Access,
  object: RuledObject,
  record: T,
  options: { changeable: boolean },
): Presented<T> {
  const values: Record<string, unknown> = {};
  const revealable: string[] = [];
  for (const [field, value] of Object.entries(record)) {
    const rule = ruleOf(access, object, field);
    if (rule === 'hidden') continue;
    if (rule === 'masked' && value !== null && value !== undefined) {
      values[field] = maskValue(maskOf(object, field), value);
      revealable.push(field);
    } else values[field] = value;
  }
  const editable = options.changeable
    ? writableFields(object).filter(
        (field) => field in record && ruleOf(access, object, field) === 'editable',
      )
    : [];
  // A masked value keeps the field's name but not always its type (a masked number is text).
  return { values: values as Partial<T>, editable, revealable };
}
