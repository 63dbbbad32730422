import { describe, expect, it } from 'vitest';
import { createBucket, take } from '@/lib/domain/token-bucket';

const LIMITS = { capacity: 3, refillPerSecond: 2 };

describe('token bucket', () => {
  it('allows a burst up to capacity, then refuses', () => {
    const bucket = createBucket(LIMITS, 0);
    expect([take(bucket, LIMITS, 0), take(bucket, LIMITS, 0), take(bucket, LIMITS, 0)]).toEqual([true, true, true]);
    expect(take(bucket, LIMITS, 0)).toBe(false);
  });

  it('refills with time, never above capacity', () => {
    const bucket = createBucket(LIMITS, 0);
    for (let i = 0; i < 3; i++) take(bucket, LIMITS, 0);
    expect(take(bucket, LIMITS, 499)).toBe(false);
    expect(take(bucket, LIMITS, 500)).toBe(true);
    expect(take(bucket, LIMITS, 60_000)).toBe(true);
    expect(bucket.tokens).toBe(2);
  });

  it('ignores a clock that goes backwards', () => {
    const bucket = createBucket(LIMITS, 1000);
    for (let i = 0; i < 3; i++) take(bucket, LIMITS, 1000);
    expect(take(bucket, LIMITS, 0)).toBe(false);
  });
});
