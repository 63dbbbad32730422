/**
 * A token bucket: `capacity` events in a burst, refilled at `refillPerSecond`. Pure: the caller
 * passes the time, so tests drive it without sleeping.
 */
export type TTokenBucket = { tokens: number; updatedAt: number };

export type TBucketLimits = { capacity: number; refillPerSecond: number };

export function createBucket(limits: TBucketLimits, now: number): TTokenBucket {
  return { tokens: limits.capacity, updatedAt: now };
}

/** Takes `cost` tokens if available; returns whether the event is allowed (mutates the bucket). */
export function take(bucket: TTokenBucket, limits: TBucketLimits, now: number, cost = 1): boolean {
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
  bucket.tokens = Math.min(limits.capacity, bucket.tokens + elapsed * limits.refillPerSecond);
  bucket.updatedAt = now;
  if (bucket.tokens < cost) return false;
  bucket.tokens -= cost;
  return true;
}
