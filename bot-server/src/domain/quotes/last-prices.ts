import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { requireRight } from '../access/policy.js';
import { customerFor } from '../customers/store.js';
import { netUnitPriceCents } from './totals.js';

// The customer's last three prices for a product (Cordys #1004: "记录客户之前下单产品的历史单价"),
// shown under each line while quoting and on the approval card: from contract lines and from
// quotes that were approved (or lapsed) without becoming a contract, since a quote that did is
// already counted by its contract. Newest first; never the quote's own price (`exceptQuoteId`, nor
// the contract it became). The caller has checked the customer is visible.

export interface PastPrice {
  /** The unit price after discount, in cents. */
  netUnitPriceCents: number;
  unitPriceCents: number;
  discountBp: number;
  source: 'quote' | 'contract';
  documentId: number;
  /** When it was quoted or contracted (ISO). */
  at: string;
}

interface Row {
  product_id: number;
  unit_price_cents: string | number;
  discount_bp: number;
  source: 'quote' | 'contract';
  document_id: number;
  at: Date | string;
}

export async function lastPrices(
  em: EntityManager,
  customerId: number,
  productIds: readonly number[],
  exceptQuoteId = 0,
): Promise<Map<number, PastPrice[]>> {
  const found = new Map<number, PastPrice[]>();
  if (productIds.length === 0) return found;
  const ids = `{${[...new Set(productIds)].join(',')}}`;
  const rows = await em.execute<Row[]>(
    `select product_id, unit_price_cents, discount_bp, source, document_id, at from (
       select p.*, row_number() over (partition by product_id order by at desc, document_id desc) as rank from (
         select l.product_id, l.unit_price_cents, l.discount_bp, 'quote' as source, q.id as document_id, q.created_at as at
           from quote_line l join quote q on q.id = l.quote_id
          where q.customer_id = ? and q.deleted_at is null and q.status in ('approved', 'expired')
            and q.id <> ? and l.product_id = any(?::int[])
         union all
         select l.product_id, l.unit_price_cents, l.discount_bp, 'contract', c.id, c.created_at
           from contract_line l join contract c on c.id = l.contract_id
          where c.customer_id = ? and c.deleted_at is null and l.product_id = any(?::int[])
            and c.quote_id is distinct from ?
       ) p
     ) ranked where rank <= 3 order by product_id, rank`,
    [customerId, exceptQuoteId, ids, customerId, ids, exceptQuoteId],
  );
  for (const row of rows) {
    const unitPriceCents = Number(row.unit_price_cents);
    const list = found.get(row.product_id) ?? [];
    list.push({
      netUnitPriceCents: netUnitPriceCents({ unitPriceCents, discountBp: row.discount_bp }),
      unitPriceCents,
      discountBp: row.discount_bp,
      source: row.source,
      documentId: row.document_id,
      at: new Date(row.at).toISOString(),
    });
    found.set(row.product_id, list);
  }
  return found;
}

/** The last prices of these products for a customer the user may see (the quote editor's hints). */
export async function customerLastPrices(
  em: EntityManager,
  access: Access,
  customerId: number,
  productIds: readonly number[],
): Promise<Map<number, PastPrice[]>> {
  requireRight(access, 'contract', 'read');
  const customer = await customerFor(em, access, customerId, { purpose: 'read' });
  return lastPrices(em, customer.id, productIds);
}
