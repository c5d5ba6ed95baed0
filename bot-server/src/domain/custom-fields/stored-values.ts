import type { CustomFieldObject, CustomFieldType } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

// The values already stored under a field's key, checked against a definition it is about to get
// (a new type, fewer options): the same rules as validate.ts, in SQL, so that a million customers
// are counted where they are. Empty values (absent, null, '') fit every definition. Records in the
// recycle bin count too: restored, they would carry the value back.

const tables: Record<CustomFieldObject, string> = {
  customer: 'customer',
  lead: 'lead',
  opportunity: 'opportunity',
};

const datePattern = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

/** `v` is the stored value; `?::jsonb` the options as a JSON array. */
const unfitWhere: Record<CustomFieldType, string> = {
  text: `jsonb_typeof(v) <> 'string'`,
  number: `jsonb_typeof(v) <> 'number'`,
  date: `jsonb_typeof(v) <> 'string' or not ((v #>> '{}') ~ '${datePattern}')`,
  select: `jsonb_typeof(v) <> 'string'
    or not exists (select 1 from jsonb_array_elements_text(?::jsonb) o where o = v #>> '{}')`,
  multi_select: `jsonb_typeof(v) <> 'array' or exists (
    select 1 from jsonb_array_elements(v) e where jsonb_typeof(e) <> 'string'
      or not exists (select 1 from jsonb_array_elements_text(?::jsonb) o where o = e #>> '{}'))`,
};

/** A field's values: where they are stored, and the definition they are checked against. */
export interface StoredValuesTarget {
  object: CustomFieldObject;
  key: string;
  type: CustomFieldType;
  options: string[];
}

/** The stored values under `key`, empty ones left out, as the rows `v` of a subquery `s`. */
const storedValues = (object: CustomFieldObject) =>
  `(select v from (select custom_fields -> ? as v from ${tables[object]}) every_value
     where v is not null and jsonb_typeof(v) <> 'null' and v <> '""'::jsonb) s`;

/** How many records hold a value under the key that the definition would refuse. */
export async function unfitCount(em: EntityManager, target: StoredValuesTarget): Promise<number> {
  const choices = target.type === 'select' || target.type === 'multi_select';
  const [row] = await em
    .getConnection()
    .execute<{ n: number }[]>(
      `select count(*)::int as n from ${storedValues(target.object)} where ${unfitWhere[target.type]}`,
      choices ? [target.key, JSON.stringify(target.options)] : [target.key],
      'all',
      em.getTransactionContext(),
    );
  return row?.n ?? 0;
}

/** Which of these options records have chosen (a select's value, or among a multi-select's). */
export async function optionsInUse(
  em: EntityManager,
  target: Pick<StoredValuesTarget, 'object' | 'key'>,
  options: string[],
): Promise<string[]> {
  if (options.length === 0) return [];
  const rows = await em.getConnection().execute<{ option: string }[]>(
    `select distinct o as option from ${storedValues(target.object)},
       jsonb_array_elements_text(case jsonb_typeof(v) when 'array' then v else jsonb_build_array(v) end) o
      where o in (select jsonb_array_elements_text(?::jsonb))`,
    [target.key, JSON.stringify(options)],
    'all',
    em.getTransactionContext(),
  );
  return options.filter((o) => rows.some((r) => r.option === o));
}
