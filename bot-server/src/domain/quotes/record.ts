import { ApprovalInstanceSchema, ContractSchema, DepartmentSchema, type Quote } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { localDate } from '../followups/local-time.js';
import { amountInWords } from './amount-words.js';
import { lastPrices } from './last-prices.js';
import { linesOf } from './lines.js';
import type { QuotePdfView } from './pdf.js';
import { quoteNumber } from './store.js';
import { belowFloor, netUnitPriceCents } from './totals.js';

// A quote as people read it (the API, the mini-app, the PDF): its lines with the customer's last
// three prices for each product and whether it is below its floor, its approval runs (the history
// a contract made from it carries), and the contract it became.

export async function quoteRecord(em: EntityManager, quote: Quote) {
  const lines = await linesOf(em, quote.id);
  const past = await lastPrices(
    em,
    quote.customer.id,
    lines.map((l) => l.product.id),
    quote.id,
  );
  const approvals = await em.find(
    ApprovalInstanceSchema,
    { docType: 'quote', docId: quote.id },
    { orderBy: { id: 'asc' } },
  );
  const contract = await em.findOne(ContractSchema, { quoteId: quote.id, deletedAt: null });
  return {
    quote,
    number: quoteNumber(quote),
    totalInWords: amountInWords(quote.totalCents),
    lines: lines.map((line) => ({
      line,
      netUnitPriceCents: netUnitPriceCents(line),
      belowFloor: belowFloor(line),
      lastPrices: past.get(line.product.id) ?? [],
    })),
    approvals,
    contractId: contract?.id ?? null,
  };
}

export type QuoteRecord = Awaited<ReturnType<typeof quoteRecord>>;

/** The company's name as its platform calls it: the root department (org sync, the demo data). */
async function companyName(em: EntityManager): Promise<string> {
  const root = await em.findOne(DepartmentSchema, { parentId: null }, { orderBy: { id: 'asc' } });
  return root?.name ?? '';
}

export async function quotePdfView(
  em: EntityManager,
  record: QuoteRecord,
  timeZone: string,
): Promise<QuotePdfView> {
  const { quote } = record;
  return {
    companyName: await companyName(em),
    number: record.number,
    title: quote.title,
    customerName: quote.customer.name,
    ownerName: quote.owner?.name ?? '',
    issuedOn: localDate(quote.createdAt, timeZone),
    validUntil: quote.validUntil,
    lines: record.lines.map(({ line }) => ({
      name: line.product.name,
      sku: line.product.sku,
      specification: line.product.specification,
      unit: line.product.unit,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      discountBp: line.discountBp,
      amountCents: line.amountCents,
    })),
    listTotalCents: quote.listTotalCents,
    totalCents: quote.totalCents,
  };
}
