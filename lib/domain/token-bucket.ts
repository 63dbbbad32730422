/**
 * A token bucket: `capacity` events in a burst, refilled at `refillPerSecond`. Pure: the caller
 * passes the time, so tests drive it without sleeping.
 */
export type TTokenBucket = { tokens: number; updatedAt: number };

export type TBucketLimits = { capacity: number; refillPerSecond: number };

export function createBucket(limits: TBucketLimits, now: number): TTokenBucket {
  return { tokens: limits.capacity, updatedAt: now };
}

/**
 * Takes `cost` tokens if available; returns whether the event is allowed (mutates the bucket).
 * `stalledMs`: how long, since this bucket's previous take, the server could not read at all (its
 * event loop was blocked). Events that arrived meanwhile are handled together when it resumes;
 * judged on arrival they were spread over that time, so its refill is granted beyond the capacity.
 */
export function take(bucket: TTokenBucket, limits: TBucketLimits, now: number, cost = 1, stalledMs = 0): boolean {
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
  const ceiling = limits.capacity + (Math.max(0, stalledMs) / 1000) * limits.refillPerSecond;
  // The ceiling caps the refill only: tokens granted for a stall stay until used (the queued events
  // that arrived during it are handled one after another, milliseconds apart, not in one instant).
  bucket.tokens = Math.max(bucket.tokens, Math.min(ceiling, bucket.tokens + elapsed * limits.refillPerSecond));
  bucket.updatedAt = now;
  if (bucket.tokens < cost) return false;
  bucket.tokens -= cost;
  return true;
}

/**
 * Token buckets by key (a user, a user in an interview): one budget however many sockets share
 * the key, where a bucket per socket would multiply it by the number of tabs a script opens.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TTokenBucket>();
  private takesSincePrune = 0;

  constructor(private readonly limits: TBucketLimits) {}

  take(key: string, now: number, cost = 1): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = createBucket(this.limits, now);
      this.buckets.set(key, bucket);
    }
    const isAllowed = take(bucket, this.limits, now, cost);
    if (++this.takesSincePrune >= 1000) this.prune(now);
    return isAllowed;
  }

  /** Forgets the buckets that have refilled: a full bucket is the same as none. */
  prune(now: number): void {
    this.takesSincePrune = 0;
    for (const [key, bucket] of this.buckets) {
      const refilled = bucket.tokens + (Math.max(0, now - bucket.updatedAt) / 1000) * this.limits.refillPerSecond;
      if (refilled >= this.limits.capacity) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
