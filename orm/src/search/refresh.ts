import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { CustomerKind } from '../entities/customer.js';
import { type KeyedContact, searchKeysFor } from './keys.js';

const batchSize = 1000;

/**
 * Recomputes the stored search keys of the given customers (all customers when `customerIds` is left
 * out) from their rows and their contacts' rows, in the EntityManager's transaction if it has one.
 * For writers that do not hold every contact in memory: call it after the change is flushed.
 */
export async function refreshSearchKeys(
  em: SqlEntityManager,
  customerIds?: readonly number[],
): Promise<void> {
  if (customerIds) {
    for (let i = 0; i < customerIds.length; i += batchSize) {
      await refreshBatch(em, customerIds.slice(i, i + batchSize));
    }
    return;
  }
  for (let after = 0; ; ) {
    const rows = await em.execute<{ id: number }[]>(
      'select id from customer where id > ? order by id limit ?',
      [after, batchSize],
    );
    if (rows.length === 0) return;
    await refreshBatch(
      em,
      rows.map((r) => r.id),
    );
    after = rows.at(-1)!.id;
  }
}

async function refreshBatch(em: SqlEntityManager, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const customers = await em.execute<
    { id: number; kind: CustomerKind; name: string; phone: string | null }[]
  >('select id, kind, name, phone from customer where id in (?)', [ids]);
  if (customers.length === 0) return;
  const contactRows = await em.execute<(KeyedContact & { customer_id: number })[]>(
    'select customer_id, name, mobile, phone from contact where customer_id in (?) order by id',
    [ids],
  );
  const contacts = new Map<number, KeyedContact[]>();
  for (const { customer_id, ...c } of contactRows) {
    const list = contacts.get(customer_id);
    if (list) list.push(c);
    else contacts.set(customer_id, [c]);
  }
  const values: unknown[] = [];
  for (const c of customers) {
    const keys = searchKeysFor(c, contacts.get(c.id) ?? []);
    values.push(
      c.id,
      keys.searchText,
      keys.searchContacts,
      keys.searchGrams.join(' '),
      keys.searchPhones.join(' '),
    );
  }
  // Arrays travel as space-separated text: no gram or phone contains a space.
  await em.execute(
    `update customer as c
        set search_text = v.search_text,
            search_contacts = v.search_contacts,
            search_grams = string_to_array(v.grams, ' '),
            search_phones = string_to_array(v.phones, ' ')
       from (values ${customers.map(() => '(?::int, ?::text, ?::text, ?::text, ?::text)').join(', ')})
         as v (id, search_text, search_contacts, grams, phones)
      where c.id = v.id`,
    values,
  );
}
