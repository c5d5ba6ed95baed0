import { formatAmount, formatDate, formatDateTime, formatMoney, formatMonthDayTime } from '@kelian/cards';
import { describe, expect, test } from 'vitest';
import { formatDuration, formatMonthDay, formatTime } from '../src/format/date.js';

describe('money', () => {
  test('integer cents as yuan with grouping and two decimals', () => {
    expect(formatMoney(123_400)).toBe('¥1,234.00');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(0)).toBe('¥0.00');
    expect(formatMoney(-123_456_789)).toBe('-¥1,234,567.89');
  });

  test('plain leaves .00 off whole yuan only', () => {
    expect(formatMoney(128_000_000, 'plain')).toBe('¥1,280,000');
    expect(formatMoney(35_000_050, 'plain')).toBe('¥350,000.50');
    expect(formatMoney(-5, 'plain')).toBe('-¥0.05');
  });

  test('refuses floats', () => {
    expect(() => formatMoney(12.5)).toThrow(TypeError);
    expect(() => formatMoney(12.5, 'plain')).toThrow(TypeError);
  });

  test('a presented amount: masked as it came, hidden as a dash', () => {
    expect(formatAmount(123_450)).toBe('¥1,234.50');
    expect(formatAmount(123_400, 'exact')).toBe('¥1,234.00');
    expect(formatAmount('¥****')).toBe('¥****');
    expect(formatAmount(undefined)).toBe('—');
    expect(formatAmount(null)).toBe('—');
  });
});

describe('dates are shown in Asia/Shanghai', () => {
  test('a UTC instant late in the day is the next day in China', () => {
    const instant = new Date('2025-03-08T17:05:00Z');
    expect(formatDateTime(instant)).toBe('2025-03-09 01:05');
    expect(formatDate(instant)).toBe('2025-03-09');
    expect(formatTime(instant)).toBe('01:05');
    expect(formatMonthDayTime(instant)).toBe('03-09 01:05');
    expect(formatMonthDay(instant)).toBe('3月9日');
  });

  test('an ISO time reads the same as its Date, and another zone is an offset away', () => {
    expect(formatDateTime('2025-03-08T17:05:00Z')).toBe('2025-03-09 01:05');
    expect(formatDateTime('2025-03-09T01:05:00+08:00')).toBe('2025-03-09 01:05');
    expect(formatDateTime('2025-03-08T17:05:00Z', 0)).toBe('2025-03-08 17:05');
    expect(formatMonthDayTime(new Date('2025-12-31T23:30:00Z'), -300)).toBe('12-31 18:30');
  });

  test('durations read naturally', () => {
    expect(formatDuration(45)).toBe('45 分钟');
    expect(formatDuration(125)).toBe('2 小时 5 分钟');
    expect(formatDuration(1620)).toBe('1 天 3 小时');
  });
});
