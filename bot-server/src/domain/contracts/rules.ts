import type { Contract } from '@kelian/orm';
import { RefusedError } from '../access/errors.js';

// What a contract must be, whatever door it came through: a positive amount in whole cents, an end
// not before its start; and only a draft changes.

export function checkTerms(terms: { amountCents: number; startDate: string; endDate: string }): void {
  if (!Number.isSafeInteger(terms.amountCents) || terms.amountCents <= 0)
    throw new RefusedError('contract-amount-invalid');
  // ISO dates (YYYY-MM-DD) sort like the days they name.
  if (terms.endDate < terms.startDate) throw new RefusedError('contract-dates-invalid');
}

export function requireDraft(contract: Pick<Contract, 'status'>, verb: string): void {
  if (contract.status !== 'draft')
    throw new RefusedError('contract-not-draft', { status: contract.status, verb });
}
