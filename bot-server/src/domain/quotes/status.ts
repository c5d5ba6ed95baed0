import type { Quote, QuoteStatus } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Auditor, audit } from '../audit/audit.js';

/** Moves the quote to `status`, audited as `auditor`'s, with what else the entry should say. */
export function moveQuote(
  tx: EntityManager,
  auditor: Auditor,
  quote: Quote,
  status: QuoteStatus,
  extra: Record<string, { before: unknown; after: unknown }> = {},
): void {
  const before = quote.status;
  quote.status = status;
  audit(tx, auditor, {
    action: 'update',
    objectType: 'quote',
    objectId: quote.id,
    changes: { status: { before, after: status }, ...extra },
  });
}
