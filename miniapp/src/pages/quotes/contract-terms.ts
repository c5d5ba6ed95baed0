import { formatDate } from '@kelian/cards/format/date';
import type { Quote } from '../../services/quotes';

// 转合同's terms as the sheet fills them in: the number from the quote's, its title, a year from
// today (Beijing time), signed today. Pure, unit-tested.

export interface ContractTerms {
  number: string;
  name: string;
  startDate: string;
  endDate: string;
  signedDate: string | null;
}

/** Today on China's clock: `2026-12-07`. */
export const shanghaiToday = () => formatDate(new Date());

/** The day before the same date a year on: 2026-12-07 → 2027-12-06. */
export function yearFrom(start: string): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const defaultTerms = (
  quote: Pick<Quote, 'number' | 'title'>,
  today = shanghaiToday(),
): ContractTerms => ({
  number: `HT-${quote.number}`,
  name: quote.title,
  startDate: today,
  endDate: yearFrom(today),
  signedDate: today,
});
