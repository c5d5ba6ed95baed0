import type { SearchKeys } from '@kelian/orm';
import type pg from 'pg';
import type { GeneratedCustomer } from './generate.js';

/** Keys of a customer written without search: what the columns hold by default. */
export const noKeys: SearchKeys = { searchText: '', searchContacts: '', searchGrams: [], searchPhones: [] };

/**
 * Inserts customers and their contacts with two statements: one row per array element through
 * `unnest`, with real bind parameters. `keys[i]` are the search keys of `batch[i]`. Creation and
 * last change are spread over a year (at millisecond precision, as the server writes them), so that
 * a list in either order mixes the customers as a real one does.
 */
export async function insertCustomers(
  db: pg.Pool,
  batch: readonly GeneratedCustomer[],
  keys: readonly SearchKeys[],
): Promise<void> {
  // Arrays travel as space-separated text (no gram or phone contains a space).
  await db.query(
    `insert into customer (id, kind, name, credit_code, industry, region, city, phone, source, owner_id,
                           created_at, updated_at, search_text, search_contacts, search_grams, search_phones)
     select id, kind, name, credit_code, industry, region, city, phone, source, owner_id,
            date_trunc('milliseconds', now() - (id % 525600) * interval '1 minute'),
            date_trunc('milliseconds', now() - ((id::bigint * 7919) % 31536000) * interval '1 second'),
            search_text, search_contacts, string_to_array(grams, ' '), string_to_array(phones, ' ')
       from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::int[], $11::text[], $12::text[], $13::text[], $14::text[])
         as t (id, kind, name, credit_code, industry, region, city, phone, source, owner_id,
               search_text, search_contacts, grams, phones)`,
    [
      batch.map((c) => c.id),
      batch.map((c) => c.kind),
      batch.map((c) => c.name),
      batch.map((c) => c.creditCode),
      batch.map((c) => c.industry),
      batch.map((c) => c.region),
      batch.map((c) => c.city),
      batch.map((c) => c.phone),
      batch.map((c) => c.source),
      batch.map((c) => c.ownerId),
      keys.map((k) => k.searchText),
      keys.map((k) => k.searchContacts),
      keys.map((k) => k.searchGrams.join(' ')),
      keys.map((k) => k.searchPhones.join(' ')),
    ],
  );
  const contacts = batch.flatMap((c) =>
    c.contacts.map((k, i) => ({ customerId: c.id, primary: i === 0, ...k })),
  );
  await db.query(
    `insert into contact (customer_id, name, mobile, "primary", created_at, updated_at)
     select customer_id, name, mobile, "primary", now(), now()
       from unnest($1::int[], $2::text[], $3::text[], $4::bool[]) as t (customer_id, name, mobile, "primary")`,
    [
      contacts.map((k) => k.customerId),
      contacts.map((k) => k.name),
      contacts.map((k) => k.mobile),
      contacts.map((k) => k.primary),
    ],
  );
}
