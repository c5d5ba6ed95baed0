import * as chrono from 'chrono-node';
import { atLocalHour, localParts, morningHour } from './local-time.js';

/**
 * `明天`, `3天后`, `下周一`, `12月20日 下午3点` … as an instant after `now`, read in `timeZone`;
 * undefined when the text names no time.
 */
export function parseNaturalTime(text: string, now: Date, timeZone: string): Date | undefined {
  // chrono counts days (明天, 3天后, 周三) on the process's own calendar, whatever time zone it is
  // told: just after midnight in China the server's UTC day is still the day before. It is handed
  // the wall clock of `timeZone` as if it were the process's, and its answer is read back as one.
  const wall = localParts(now, timeZone);
  const instant = new Date(wall.y, wall.m - 1, wall.d, wall.h, wall.min, wall.s);
  const [result] = chrono.zh.hans.parse(text, instant, { forwardDate: true });
  if (!result) return undefined;
  const said = result.start;
  const two = (n: number | null) => String(n).padStart(2, '0');
  const day = `${said.get('year')}-${two(said.get('month'))}-${two(said.get('day'))}`;
  return said.isCertain('hour')
    ? atLocalHour(day, said.get('hour') ?? morningHour, timeZone, said.get('minute') ?? 0)
    : atLocalHour(day, morningHour, timeZone);
}
