import { expect, test } from 'vitest';
import { parseNaturalTime } from '../../src/domain/followups/natural-time.js';

// What 下次 understands, read in China time from Saturday 2026-12-05 10:00: a day without a time
// means 09:00 that day; a time said is kept.
const now = new Date('2026-12-05T02:00:00Z');
const shanghai = (text: string) =>
  parseNaturalTime(text, now, 'Asia/Shanghai')?.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });

test.each([
  ['明天', '2026-12-06 09:00:00'],
  ['后天', '2026-12-07 09:00:00'],
  ['3天后', '2026-12-08 09:00:00'],
  ['三天后', '2026-12-08 09:00:00'],
  ['下周一', '2026-12-07 09:00:00'],
  ['周五', '2026-12-11 09:00:00'],
  ['明天下午2点', '2026-12-06 14:00:00'],
  ['下周三上午10点', '2026-12-09 10:00:00'],
  ['12月20日 下午3点', '2026-12-20 15:00:00'],
  ['1月3日', '2027-01-03 09:00:00'],
])('%s → %s', (text, expected) => {
  expect(shanghai(text)).toBe(expected);
});

test('words that name no time are not a time', () => {
  expect(shanghai('改天')).toBeUndefined();
  expect(shanghai('有空再说')).toBeUndefined();
});

// After midnight in China but still the day before in UTC (02:30 on Monday 12-07 in Beijing is
// 18:30 on Sunday in UTC): the days count from the day people there live in, whatever the server's
// own clock says. (Before 01:00 chrono reads 明天 as the coming morning, as people up late mean it.)
test.each([
  ['明天', '2026-12-08 09:00:00'],
  ['3天后', '2026-12-10 09:00:00'],
  ['今天下午3点', '2026-12-07 15:00:00'],
  ['下周一', '2026-12-14 09:00:00'],
  ['周三', '2026-12-09 09:00:00'],
])('just after midnight in China, %s → %s', (text, expected) => {
  const lateUtc = new Date('2026-12-06T18:30:00Z');
  expect(
    parseNaturalTime(text, lateUtc, 'Asia/Shanghai')?.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }),
  ).toBe(expected);
});
