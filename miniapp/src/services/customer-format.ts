// How the customer pages write times and money: Beijing time whatever the phone's zone (the
// server keeps UTC), and amounts in yuan from integer cents.

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The parts of `iso` on a Beijing clock. */
function shanghai(iso: string) {
  const at = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year: at.getUTCFullYear(),
    date: `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`,
    monthDay: `${at.getUTCMonth() + 1}月${at.getUTCDate()}日`,
    time: `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`,
  };
}

/** 今天 14:05, 昨天 09:30, 11月3日 16:00, or 2025-03-01 for another year. */
export function when(iso: string, now = Date.now()): string {
  const at = shanghai(iso);
  const today = shanghai(new Date(now).toISOString());
  const yesterday = shanghai(new Date(now - 86_400_000).toISOString());
  if (at.date === today.date) return `今天 ${at.time}`;
  if (at.date === yesterday.date) return `昨天 ${at.time}`;
  if (at.year === today.year) return `${at.monthDay} ${at.time}`;
  return at.date;
}

/** The Beijing date of `iso`, YYYY-MM-DD. */
export const shanghaiDate = (iso: string) => shanghai(iso).date;

/** 9:00 Beijing time on `date` (YYYY-MM-DD), as the ISO time a follow-up's next step takes. */
export const morningOf = (date: string) => `${date}T09:00:00+08:00`;

/** ¥12,800 or ¥126.5万. */
export function money(cents: number | null): string {
  if (cents === null) return '金额待定';
  const yuan = cents / 100;
  if (Math.abs(yuan) >= 10_000) return `¥${(yuan / 10_000).toFixed(yuan % 10_000 === 0 ? 0 : 1)}万`;
  return `¥${yuan.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`;
}
