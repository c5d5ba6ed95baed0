import { formatDate, formatMonthDay, formatTime } from '@kelian/cards/format/date';

// How the pages write times: on China's clock whatever the phone's zone (the server keeps UTC), by
// the formatters the cards and the bot use; relative to today where a list is read at a glance.

/** 今天 14:05, 昨天 09:30, 11月3日 16:00, or 2025-03-01 for another year. */
export function when(iso: string, now = Date.now()): string {
  const date = formatDate(iso);
  const today = formatDate(new Date(now));
  if (date === today) return `今天 ${formatTime(iso)}`;
  if (date === formatDate(new Date(now - 86_400_000))) return `昨天 ${formatTime(iso)}`;
  if (date.slice(0, 4) === today.slice(0, 4)) return `${formatMonthDay(iso)} ${formatTime(iso)}`;
  return date;
}

/** 9:00 Beijing time on `date` (YYYY-MM-DD), as the ISO time a follow-up's next step takes. */
export const morningOf = (date: string) => `${date}T09:00:00+08:00`;
