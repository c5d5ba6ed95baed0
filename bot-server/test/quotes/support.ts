// The quote tests' world: the demo company (its catalogue and its quote flow: a line below the
// floor goes to the submitter's manager) on the real server; quotes written through the API.
import { expect } from 'vitest';
import type { Crm, Session } from '../api/customers-support.js';

/** The demo product with this SKU: its id and prices. */
export async function product(crm: Crm, sku: string) {
  const { rows } = await crm.db.query<{ id: number; list: string; floor: string }>(
    'select id, list_price_cents as list, floor_price_cents as floor from product where sku = $1',
    [sku],
  );
  expect(rows, sku).toHaveLength(1);
  return { id: rows[0]!.id, listPriceCents: Number(rows[0]!.list), floorPriceCents: Number(rows[0]!.floor) };
}

export interface Line {
  productId: number;
  quantity: number;
  unitPriceCents?: number;
  discountPercent?: number;
}

export const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;

export async function draftQuote(
  session: Session,
  customerId: number,
  lines: Line[],
  extra: Record<string, unknown> = {},
) {
  const res = await session.send('POST', '/api/quotes', {
    customerId,
    title: '仓储自动化一期',
    validUntil: nextYear,
    lines,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function submitQuote(session: Session, id: number) {
  const res = await session.send('POST', `/api/quotes/${id}/submit`, {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { approvalId: number | null; quote: { status: string } };
}

export const quoteCount = async (crm: Crm) =>
  Number((await crm.db.query('select count(*) from quote')).rows[0].count);
