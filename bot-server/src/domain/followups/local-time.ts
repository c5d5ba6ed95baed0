// Calendar arithmetic in the display time zone (Asia/Shanghai unless configured): "today", "09:00
// that day". Times are stored in UTC; a day is the day people in that zone live in.
import { formatMonthDayTime } from '@kelian/cards';

/**
 * The start of the working day: date rules fire and the morning summary goes out then, and a day
 * named without a time (明天, 下周一) means then.
 */
export const morningHour = 9;

/** `at` on the clocks of `timeZone`: year, month (1–12), day, hour, minute, second. */
export function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return {
    y: get('year'),
    m: get('month'),
    d: get('day'),
    h: get('hour'),
    min: get('minute'),
    s: get('second'),
  };
}

/** `YYYY-MM-DD` of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const { y, m, d } = localParts(at, timeZone);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The hour (0–23) of `at` on the clocks of `timeZone`. */
export const localHour = (at: Date, timeZone: string): number => localParts(at, timeZone).h;

/** Minutes `timeZone` is ahead of UTC at `at` (480 for Asia/Shanghai). */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Math.round((Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - at.getTime()) / 60_000);
}

/** The instant that is `hour`:`minute` on the local `date` (`YYYY-MM-DD`) in `timeZone`. */
export function atLocalHour(date: string, hour: number, timeZone: string, minute = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(y, m - 1, d, hour, minute));
  return new Date(guess.getTime() - utcOffsetMinutes(guess, timeZone) * 60_000);
}

/** `YYYY-MM-DD` `days` after (or before) the local `date`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `12-08 09:00`: a time as people in `timeZone` read it, in lists and replies. */
export const localDateTimeLabel = (at: Date, timeZone: string): string =>
  formatMonthDayTime(at, utcOffsetMinutes(at, timeZone));
