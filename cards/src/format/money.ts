const grouping = new Intl.NumberFormat('en-US', { useGrouping: true, maximumFractionDigits: 0 });

/** Integer cents → `¥1,234.00`; integer arithmetic so no float rounding reaches the screen. */
export function formatMoney(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new TypeError(`amount must be integer cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const yuan = Math.trunc(abs / 100);
  const fen = abs % 100;
  return `${sign}¥${grouping.format(yuan)}.${String(fen).padStart(2, '0')}`;
}
