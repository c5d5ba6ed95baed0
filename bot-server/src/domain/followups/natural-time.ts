import * as chrono from 'chrono-node';
import { atLocalHour, localDate, morningHour, utcOffsetMinutes } from './local-time.js';

/**
 * `明天`, `3天后`, `下周一`, `12月20日 下午3点` … as an instant after `now`, read in `timeZone`;
 * undefined when the text names no time.
 */
export function parseNaturalTime(text: string, now: Date, timeZone: string): Date | undefined {
  const [result] = chrono.zh.hans.parse(
    text,
    { instant: now, timezone: utcOffsetMinutes(now, timeZone) },
    { forwardDate: true },
  );
  if (!result) return undefined;
  const at = result.start.date();
  return result.start.isCertain('hour') ? at : atLocalHour(localDate(at, timeZone), morningHour, timeZone);
}
