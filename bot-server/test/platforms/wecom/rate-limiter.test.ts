import { describe, expect, it } from 'vitest';
import { WeComRateLimitError } from '../../../src/platforms/wecom/errors.js';
import { MEMBER_WINDOWS, SlidingWindowLimiter } from '../../../src/platforms/wecom/rate-limiter.js';

describe('SlidingWindowLimiter', () => {
  it('admits 30 per member per minute and says when the 31st may go', async () => {
    let clock = 1_000_000;
    const limiter = new SlidingWindowLimiter(MEMBER_WINDOWS, () => clock);
    for (let i = 0; i < 30; i++) {
      await limiter.acquire(['user:a'], 0);
      clock += 1000;
    }
    // The first send was at 1_000_000; it leaves the window at 1_060_000, now is 1_030_000.
    expect(limiter.waitMs(['user:a'])).toBe(30_000);
    expect(limiter.waitMs(['user:b'])).toBe(0);
    await expect(limiter.acquire(['user:a'], 29_999)).rejects.toBeInstanceOf(WeComRateLimitError);
    clock = 1_060_000;
    await expect(limiter.acquire(['user:a'], 0)).resolves.toBeUndefined();
    expect(limiter.waitMs(['user:a'])).toBe(1000);
  });

  it('holds the hourly window too: 1000 per member per hour', async () => {
    let clock = 0;
    const limiter = new SlidingWindowLimiter(MEMBER_WINDOWS, () => clock);
    for (let i = 0; i < 1000; i++) {
      await limiter.acquire(['user:a'], 0);
      clock += 2100; // 28.6 per minute: never the per-minute limit
    }
    expect(clock).toBe(2_100_000);
    expect(limiter.waitMs(['user:a'])).toBe(3_600_000 - 2_100_000);
  });

  it('admits a multi-recipient send whole or not at all', async () => {
    const clock = 0;
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1000 }], () => clock);
    await limiter.acquire(['a'], 0);
    await limiter.acquire(['a', 'b'], 0);
    const error = await limiter.acquire(['b', 'a', 'c'], 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComRateLimitError);
    expect(error).toMatchObject({ limitedKeys: ['a'], retryAfterMs: 1000 });
    // Nothing was recorded for b and c by the refused send.
    await limiter.acquire(['b', 'c'], 0);
    await expect(limiter.acquire(['b'], 0)).rejects.toBeInstanceOf(WeComRateLimitError);
    await expect(limiter.acquire(['c'], 0)).resolves.toBeUndefined();
  });

  it('waits for a slot that frees within the allowed wait', async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 150 }]);
    await limiter.acquire(['a'], 0);
    await limiter.acquire(['a'], 0);
    const started = performance.now();
    await limiter.acquire(['a'], 1000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('concurrent callers cannot both take the last slot', async () => {
    const limiter = new SlidingWindowLimiter([{ limit: 3, windowMs: 60_000 }]);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => limiter.acquire(['a'], 0)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
  });
});
