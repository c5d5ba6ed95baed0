import { formatDate, formatDateTime, formatMoney } from '@kelian/cards';
import { describe, expect, test } from 'vitest';
import { formatDuration } from '../src/format/date.js';

describe('money', () => {
  test('integer cents as yuan with grouping and two decimals', () => {
    expect(formatMoney(123_400)).toBe('¥1,234.00');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(0)).toBe('¥0.00');
    expect(formatMoney(-123_456_789)).toBe('-¥1,234,567.89');
  });

  test('refuses floats', () => {
    expect(() => formatMoney(12.5)).toThrow(TypeError);
  });
});

describe('dates are shown in Asia/Shanghai', () => {
  test('a UTC instant late in the day is the next day in China', () => {
    const instant = new Date('2025-03-08T17:05:00Z');
    expect(formatDateTime(instant)).toBe('2025-03-09 01:05');
    expect(formatDate(instant)).toBe('2025-03-09');
  });

  test('durations read naturally', () => {
    expect(formatDuration(45)).toBe('45 分钟');
    expect(formatDuration(125)).toBe('2 小时 5 分钟');
    expect(formatDuration(1620)).toBe('1 天 3 小时');
  });
});
