import { formatMoney } from '@kelian/cards';
import { type ApplicationField, CustomerSchema, OpportunitySchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

/** A field's value as the card shows it: ¥ for amounts, names for people, customers and deals. */
export async function shownValue(
  tx: EntityManager,
  field: ApplicationField,
  value: unknown,
): Promise<string> {
  const id = Number(value);
  switch (field.kind) {
    case 'amount':
      return formatMoney(id);
    case 'user':
      return (await tx.findOne(UserSchema, id, { fields: ['name'] }))?.name ?? '—';
    case 'customer':
      return (await tx.findOne(CustomerSchema, id, { fields: ['name'] }))?.name ?? '—';
    case 'opportunity':
      return (await tx.findOne(OpportunitySchema, id, { fields: ['name'] }))?.name ?? '—';
    default:
      return String(value);
  }
}

/** The filled fields in the type's order, as people read them. */
export async function shownRows(
  em: EntityManager,
  fields: readonly ApplicationField[],
  values: Readonly<Record<string, unknown>>,
): Promise<{ key: string; label: string; value: string }[]> {
  const rows = [];
  for (const field of fields)
    if (values[field.key] !== undefined && !field.hidden)
      rows.push({
        key: field.key,
        label: field.label,
        value: await shownValue(em, field, values[field.key]),
      });
  return rows;
}
