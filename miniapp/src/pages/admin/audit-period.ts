// The periods 操作日志 offers, as the API's `from` (inclusive) and `to` (exclusive): whole days
// on the device's calendar (the company's, in China), from midnight to midnight.

export type PeriodKey = 'all' | 'today' | 'week' | 'month' | 'custom';

export const periodNames: Record<PeriodKey, string> = {
  all: '全部时间',
  today: '今天',
  week: '近 7 天',
  month: '近 30 天',
  custom: '指定日期',
};

export interface Period {
  key: PeriodKey;
  /** For `custom`: the first and the last day, YYYY-MM-DD. */
  first?: string;
  last?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A day on the device's calendar as YYYY-MM-DD. */
export const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Midnight starting the day `offset` days after `day`, as an ISO time with its offset. */
function midnight(day: string, offset = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const at = new Date(y, m - 1, d + offset);
  const minutes = -at.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  return `${dayOf(at)}T00:00:00${zone}`;
}

/** The API's from/to for a period, `today` being the device's date. */
export function periodRange(period: Period, today = new Date()): { from?: string; to?: string } {
  const day = dayOf(today);
  switch (period.key) {
    case 'all':
      return {};
    case 'today':
      return { from: midnight(day) };
    case 'week':
      return { from: midnight(day, -6) };
    case 'month':
      return { from: midnight(day, -29) };
    case 'custom':
      return {
        ...(period.first ? { from: midnight(period.first) } : {}),
        ...(period.last ? { to: midnight(period.last, 1) } : {}),
      };
  }
}
