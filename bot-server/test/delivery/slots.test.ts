import { describe, expect, it } from 'vitest';
import { earliestForAll, earliestSlot, fits, limitFor } from '../../src/bot/delivery/slots.js';
import { MEMBER_WINDOWS } from '../../src/platforms/wecom/rate-limiter.js';

const minute = 60_000;
/** `n` sends, `gap` apart from `start`. */
const sends = (n: number, start = 0, gap = 0) => Array.from({ length: n }, (_, i) => start + i * gap);

describe('a WeCom member window (30 a minute, 1000 an hour)', () => {
  it('answers a person at once while notifications keep a sixth of the window free for that', () => {
    expect(limitFor(MEMBER_WINDOWS[0]!, 'bulk')).toBe(25);
    expect(limitFor(MEMBER_WINDOWS[0]!, 'direct')).toBe(30);
    const notifications = sends(25);
    expect(fits(notifications, 10, MEMBER_WINDOWS, 'bulk')).toBe(false);
    expect(fits(notifications, 10, MEMBER_WINDOWS, 'direct')).toBe(true);
  });

  it('books the 26th notification for when the first leaves the minute, with a second to spare', () => {
    expect(earliestSlot(sends(25), MEMBER_WINDOWS, 5000, 'bulk')).toBe(minute + 1000);
    expect(earliestSlot(sends(25, 0, 100), MEMBER_WINDOWS, 5000, 'bulk')).toBe(minute + 1000);
  });

  it('respects slots booked in the future: a send now may not crowd the minute before them', () => {
    // 25 notifications are booked 30 s from now: nothing else fits before them in their minute.
    const booked = sends(25, 30_000);
    expect(fits(booked, 0, MEMBER_WINDOWS, 'bulk')).toBe(false);
    expect(earliestSlot(booked, MEMBER_WINDOWS, 0, 'bulk')).toBe(30_000 + minute + 1000);
    // A person's answer has its own headroom in the same minute.
    expect(fits(booked, 0, MEMBER_WINDOWS, 'direct')).toBe(true);
  });

  it('holds the hour too: 1000 sends spread under the minute limit still fill it', () => {
    const hourFull = sends(1000, 0, 3000); // 20 a minute for 50 minutes
    const at = earliestSlot(hourFull, MEMBER_WINDOWS, hourFull.at(-1)! + 3000, 'direct');
    expect(at).toBe(3_600_000 + 1000);
  });

  it('a card to a team waits for the fullest member', () => {
    const busy = { times: sends(25), windows: MEMBER_WINDOWS };
    const idle = { times: [], windows: MEMBER_WINDOWS };
    expect(earliestForAll([idle, busy, idle], 100, 'bulk')).toBe(minute + 1000);
    expect(earliestForAll([idle, idle], 100, 'bulk')).toBe(100);
  });

  it('fifty notifications to one member go out in two minutes-worth: 25 now, 25 a minute later', () => {
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const at = earliestSlot(times, MEMBER_WINDOWS, 0, 'bulk');
      times.push(at);
      times.sort((a, b) => a - b);
    }
    expect(times.filter((t) => t === 0)).toHaveLength(25);
    expect(times.filter((t) => t === minute + 1000)).toHaveLength(25);
  });
});
