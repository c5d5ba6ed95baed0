import { shanghaiDate, when } from './customer-format';

// How the sales pages write money and due times: whole yuan with thousands separators from integer
// cents (a pipeline is read by its totals), due times on a Beijing clock relative to today.

/** ¥1,280,000 or ¥1,280.50 from cents; a masked amount as the server sent it; '—' when hidden. */
export function yuan(cents: number | string | null | undefined): string {
  if (typeof cents === 'string') return cents;
  if (cents === null || cents === undefined) return '—';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fen = abs % 100;
  return `${sign}¥${whole}${fen === 0 ? '' : `.${String(fen).padStart(2, '0')}`}`;
}

const DAY_MS = 86_400_000;

/** HH:mm on a Beijing clock. */
function clock(iso: string): string {
  const at = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
}

/** Whole days from Beijing date `a` to date `b` (both YYYY-MM-DD). */
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/** When a task is due: 今天 14:00, 明天 09:00, 已逾期 3 天, or a date further out. */
export function dueText(iso: string, now = Date.now()): string {
  const at = Date.parse(iso);
  const days = daysBetween(shanghaiDate(new Date(now).toISOString()), shanghaiDate(iso));
  const time = clock(iso);
  if (at < now && days < 0) return `已逾期 ${-days} 天`;
  if (days === 0) return `${at < now ? '已逾期 · ' : '今天 '}${time}`;
  if (days === 1) return `明天 ${time}`;
  if (days === 2) return `后天 ${time}`;
  return when(iso, now);
}

/** Whether the task's time has passed. */
export const isOverdue = (iso: string, now = Date.now()) => Date.parse(iso) < now;

/** The share of `whole` that `part` is, in whole percent (above 100 when exceeded); null without a whole. */
export function percentOf(part: number, whole: number | null): number | null {
  if (!whole || whole <= 0) return null;
  return Math.round((part / whole) * 100);
}
