// Money as every surface writes it (cards, the bot's texts, the mini-app), from integer cents with
// integer arithmetic so no float rounding reaches the screen. No Intl: the mini-programs' script
// engines may not have it.

/**
 * `exact` always writes the fen (`¥1,234.00`): cards, where an approver checks a sum. `plain` leaves
 * `.00` off whole yuan (`¥1,234`, but `¥1,234.50`): lists, totals and chat lines.
 */
export type MoneyStyle = 'exact' | 'plain';

const grouped = (whole: number) => String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Integer cents → `¥1,234.00` (exact, unless said) or `¥1,234` (plain); refuses anything but integer cents. */
export function formatMoney(cents: number, style?: MoneyStyle): string {
  if (!Number.isSafeInteger(cents)) throw new TypeError(`amount must be integer cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const fen = abs % 100;
  const decimals = style === 'plain' && fen === 0 ? '' : `.${String(fen).padStart(2, '0')}`;
  return `${sign}¥${grouped(Math.trunc(abs / 100))}${decimals}`;
}

/**
 * An amount as the field rules presented it: cents are formatted, a masked amount (`¥****`) is shown
 * as it came, and a hidden or unknown one is `—`.
 */
export function formatAmount(
  amount: number | string | null | undefined,
  style: MoneyStyle = 'plain',
): string {
  if (typeof amount === 'string') return amount;
  return amount === null || amount === undefined ? '—' : formatMoney(amount, style);
}
