import type { EntityManager } from '@mikro-orm/postgresql';
import { RefusedError } from '../access/errors.js';
import { contractDocument } from '../contracts/document.js';
import { quoteDocument } from '../quotes/document.js';
import { overdueEvidence } from '../receivables/evidence.js';
import { refundDocument } from '../receivables/refund-document.js';
import type { ApprovableDocument, CustomerEvidence, KeyFigure } from './document.js';

// Every document type an approval flow can be set for, by its code. Quotes, refunds and purchase
// requests add a line here (and their ApprovableDocument), nothing else.
export const documentTypes: Readonly<Record<string, ApprovableDocument>> = {
  contract: contractDocument,
  quote: quoteDocument,
  refund: refundDocument,
};

export function documentType(code: string): ApprovableDocument {
  const type = Object.hasOwn(documentTypes, code) ? documentTypes[code] : undefined;
  if (!type) throw new RefusedError('flow-doc-type-unknown', { docType: code });
  return type;
}

/** What every approval shows about the document's customer, in this order. */
const customerEvidence: readonly CustomerEvidence[] = [overdueEvidence];

/** The customer's figures an approver weighs (逾期回款 …) as of the company's `today`; none when clear. */
export async function customerFigures(
  em: EntityManager,
  customerId: number,
  today: string,
): Promise<KeyFigure[]> {
  const shown: KeyFigure[] = [];
  for (const evidence of customerEvidence) {
    const figure = await evidence(em, customerId, today);
    if (figure) shown.push(figure);
  }
  return shown;
}
