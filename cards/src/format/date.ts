// Times as every surface writes them (cards, the bot's texts, the mini-app): stored in UTC, shown on
// China's clock (DESIGN.md "Data"). Asia/Shanghai has kept UTC+8 without daylight saving since 1991,
// so a fixed offset is exact and needs no Intl, which the mini-programs' script engines may not
// have. A server configured for another zone passes that zone's offset.

/** Minutes China's clock is ahead of UTC. */
export const CHINA_OFFSET_MINUTES = 480;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The calendar and clock of `at` (a Date or an ISO time) `offsetMinutes` ahead of UTC, China's
 * unless given. (Optional, not defaulted, parameters: the mini-programs' ES5 output spells out every
 * default, and each formatter below would carry one.)
 */
export function wallClock(at: Date | string, offsetMinutes?: number) {
  const shifted = new Date(new Date(at).getTime() + (offsetMinutes ?? CHINA_OFFSET_MINUTES) * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/** `2025-03-08`. */
export function formatDate(at: Date | string, offsetMinutes?: number): string {
  const c = wallClock(at, offsetMinutes);
  return `${c.year}-${two(c.month)}-${two(c.day)}`;
}

/** `14:30`. */
export function formatTime(at: Date | string, offsetMinutes?: number): string {
  const c = wallClock(at, offsetMinutes);
  return `${two(c.hour)}:${two(c.minute)}`;
}

/** `2025-03-08 14:30`: every time a card shows (never a relative word, which would go stale). */
export const formatDateTime = (at: Date | string, offsetMinutes?: number): string =>
  `${formatDate(at, offsetMinutes)} ${formatTime(at, offsetMinutes)}`;

/** `03-08 14:30`: a time within the year, in lists and chat replies. */
export const formatMonthDayTime = (at: Date | string, offsetMinutes?: number): string =>
  `${formatDate(at, offsetMinutes).slice(5)} ${formatTime(at, offsetMinutes)}`;

/** `3月8日`: a day of this year in running text. */
export function formatMonthDay(at: Date | string, offsetMinutes?: number): string {
  const c = wallClock(at, offsetMinutes);
  return `${c.month}月${c.day}日`;
}

/** A duration in minutes as `45 分钟`, `2 小时 5 分钟`, `1 天 3 小时`. */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} 小时` : `${hours} 小时 ${minutes % 60} 分钟`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} 天` : `${days} 天 ${hours % 24} 小时`;
}
