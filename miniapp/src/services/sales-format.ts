import { formatDate, formatTime } from '@kelian/cards/format/date';
import { when } from './customer-format';

// How the sales pages write due times: on a Beijing clock relative to today (amounts: formatAmount
// of @kelian/cards/format/money, as everywhere).

const DAY_MS = 86_400_000;

/** Whole days from Beijing date `a` to date `b` (both YYYY-MM-DD). */
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/** When a task is due: 今天 14:00, 明天 09:00, 已逾期 3 天, or a date further out. */
export function dueText(iso: string, now = Date.now()): string {
  const at = Date.parse(iso);
  const days = daysBetween(formatDate(new Date(now)), formatDate(iso));
  const time = formatTime(iso);
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
