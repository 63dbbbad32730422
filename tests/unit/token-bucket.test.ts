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

  it('judges events queued during a stall by their arrival: a steady sender is never refused, a flood still is', () => {
    const limits = { capacity: 180, refillPerSecond: 60 };
    // A 30 Hz sender; the server blocks for 10 s, then reads its 300 frames at once.
    const steady = createBucket(limits, 0);
    take(steady, limits, 0);
    const allowed = Array.from({ length: 300 }, (_, i) => take(steady, limits, 10_000, 1, i === 0 ? 10_000 : 0));
    expect(allowed.every(Boolean)).toBe(true);
    // Without the stall the same 300 frames in one instant are a flood: capped at the burst.
    const flood = createBucket(limits, 0);
    take(flood, limits, 0);
    expect(Array.from({ length: 300 }, () => take(flood, limits, 10_000)).filter(Boolean)).toHaveLength(180);
    // And the stall's credit is its refill, not more: 1,000 frames after the 10 s stall get 780.
    const abuser = createBucket(limits, 0);
    take(abuser, limits, 0);
    expect(Array.from({ length: 1000 }, (_, i) => take(abuser, limits, 10_000, 1, i === 0 ? 10_000 : 0)).filter(Boolean)).toHaveLength(779);
    // The credit does not outlive the stall: the bucket is back under its capacity afterwards.
    expect(take(abuser, limits, 70_000)).toBe(true);
    expect(abuser.tokens).toBe(179);
  });
});
