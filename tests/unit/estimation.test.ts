import { describe, expect, it } from 'vitest';
import {
  estimateStorage,
  estimateSummary,
  estimateTraffic,
  formatBytes,
  formatCount,
  formatRate,
  formatWhole,
  parseByteSize,
  parseCount,
  parseRatio,
  SECONDS_PER_DAY,
} from '@/lib/domain/estimation';

const TEN_MILLION_USERS = { dailyActiveUsers: 10_000_000, actionsPerUser: 10, readWrite: { reads: 10, writes: 1 }, peakFactor: 3 };

describe('traffic', () => {
  it('10 M DAU × 10 actions a day is about 1,157 requests per second on average', () => {
    const traffic = estimateTraffic(TEN_MILLION_USERS)!;
    expect(traffic.requestsPerDay).toBe(100_000_000);
    expect(traffic.avgQps).toBeCloseTo(1157.407, 3);
    expect(formatWhole(traffic.avgQps)).toBe('1,157');
    expect(formatRate(traffic.avgQps)).toBe('1.16 K/s');
  });

  it('splits reads and writes by the ratio, and multiplies by the peak factor', () => {
    const traffic = estimateTraffic(TEN_MILLION_USERS)!;
    // 10:1 → 10/11 reads, 1/11 writes.
    expect(traffic.avgReadQps).toBeCloseTo(1052.189, 3);
    expect(traffic.avgWriteQps).toBeCloseTo(105.219, 3);
    expect(traffic.avgReadQps + traffic.avgWriteQps).toBeCloseTo(traffic.avgQps, 9);
    expect(traffic.peakQps).toBeCloseTo(3472.222, 3);
    expect(traffic.peakReadQps).toBeCloseTo(3156.566, 3);
    expect(traffic.peakWriteQps).toBeCloseTo(315.657, 3);
  });

  it('a day of 86,400 requests is exactly one per second; all-read and all-write ratios work', () => {
    const oneUser = { dailyActiveUsers: SECONDS_PER_DAY, actionsPerUser: 1, peakFactor: 1 };
    expect(estimateTraffic({ ...oneUser, readWrite: { reads: 1, writes: 0 } })).toMatchObject({ avgQps: 1, avgReadQps: 1, avgWriteQps: 0 });
    expect(estimateTraffic({ ...oneUser, readWrite: { reads: 0, writes: 1 } })).toMatchObject({ avgQps: 1, avgReadQps: 0, avgWriteQps: 1 });
  });

  it('zero users is zero traffic, not an error', () => {
    expect(estimateTraffic({ ...TEN_MILLION_USERS, dailyActiveUsers: 0 })).toMatchObject({ avgQps: 0, peakQps: 0, avgReadQps: 0 });
  });

  it('refuses inputs that are not usable', () => {
    expect(estimateTraffic({ ...TEN_MILLION_USERS, dailyActiveUsers: -1 })).toBeNull();
    expect(estimateTraffic({ ...TEN_MILLION_USERS, actionsPerUser: Number.NaN })).toBeNull();
    expect(estimateTraffic({ ...TEN_MILLION_USERS, dailyActiveUsers: Number.POSITIVE_INFINITY })).toBeNull();
    expect(estimateTraffic({ ...TEN_MILLION_USERS, readWrite: { reads: 0, writes: 0 } })).toBeNull();
    expect(estimateTraffic({ ...TEN_MILLION_USERS, peakFactor: 0.5 })).toBeNull();
  });
});

describe('storage', () => {
  it('100 M items a day of 1 KB is 100 GB a day and 36.5 TB a year', () => {
    const storage = estimateStorage({ itemBytes: 1000, itemsPerDay: 100_000_000, retentionDays: 365 })!;
    expect(storage).toEqual({ bytesPerDay: 100e9, totalBytes: 36.5e12 });
    expect(formatBytes(storage.bytesPerDay)).toBe('100 GB');
    expect(formatBytes(storage.totalBytes)).toBe('36.5 TB');
  });

  it('zero retention keeps nothing; negative inputs are refused', () => {
    expect(estimateStorage({ itemBytes: 500, itemsPerDay: 10, retentionDays: 0 })).toEqual({ bytesPerDay: 5000, totalBytes: 0 });
    expect(estimateStorage({ itemBytes: -1, itemsPerDay: 10, retentionDays: 1 })).toBeNull();
    expect(estimateStorage({ itemBytes: 1, itemsPerDay: Number.NaN, retentionDays: 1 })).toBeNull();
  });
});

describe('parsing what people type', () => {
  it('reads counts with suffixes and separators', () => {
    expect(parseCount('10M')).toBe(10_000_000);
    expect(parseCount(' 2.5k ')).toBe(2500);
    expect(parseCount('10,000,000')).toBe(10_000_000);
    expect(parseCount('1e6')).toBe(1_000_000);
    expect(parseCount('3 bn')).toBe(3e9);
    expect(parseCount('0')).toBe(0);
    expect(parseCount('')).toBeNull();
    expect(parseCount('-5')).toBeNull();
    expect(parseCount('ten')).toBeNull();
    expect(parseCount('5 KB')).toBeNull();
  });

  it('reads byte sizes in decimal units, bare numbers as bytes', () => {
    expect(parseByteSize('1 KB')).toBe(1000);
    expect(parseByteSize('2.5MB')).toBe(2_500_000);
    expect(parseByteSize('500')).toBe(500);
    expect(parseByteSize('4 KiB')).toBe(4096);
    expect(parseByteSize('1 parsec')).toBeNull();
  });

  it('reads ratios as "r:w", "r/w" or a plain number of reads per write', () => {
    expect(parseRatio('10:1')).toEqual({ reads: 10, writes: 1 });
    expect(parseRatio('1/4')).toEqual({ reads: 1, writes: 4 });
    expect(parseRatio('100')).toEqual({ reads: 100, writes: 1 });
    expect(parseRatio('0:0')).toBeNull();
    expect(parseRatio('1:2:3')).toBeNull();
    expect(parseRatio('a:b')).toBeNull();
  });
});

describe('human formatting', () => {
  it('scales counts and rates by thousands with 3 significant digits', () => {
    expect(formatCount(42)).toBe('42');
    expect(formatCount(10_000_000)).toBe('10 M');
    expect(formatCount(1_234_567_890)).toBe('1.23 B');
    expect(formatRate(0.5)).toBe('0.5/s');
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(115.74)).toBe('116/s');
    expect(formatRate(11_574)).toBe('11.6 K/s');
    // Rounding to 1000 K moves up a unit.
    expect(formatRate(999_999)).toBe('1 M/s');
    expect(formatRate(0.0001)).toBe('<0.001/s');
  });

  it('formats bytes: 3.4 GB, 512 B, and keeps digits past the largest unit', () => {
    expect(formatBytes(3.4e9)).toBe('3.4 GB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1e21)).toBe('1,000 EB');
  });

  it('shows a dash for values that are not results', () => {
    expect(formatRate(Number.NaN)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
    expect(formatWhole(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('summary for the whiteboard', () => {
  it('lists traffic and storage in a few lines', () => {
    const text = estimateSummary({
      traffic: TEN_MILLION_USERS,
      storage: { itemBytes: 1000, itemsPerDay: 100_000_000, retentionDays: 365 },
    });
    expect(text.split('\n')).toEqual([
      'Traffic: 10 M DAU × 10 actions/day = 100 M requests/day',
      'Average: 1.16 K/s (reads 1.05 K/s, writes 105/s; R:W 10:1)',
      'Peak (×3): 3.47 K/s (reads 3.16 K/s, writes 316/s)',
      'Storage: 100 M items/day × 1 KB = 100 GB/day',
      'Kept 365 days: 36.5 TB',
    ]);
  });

  it('leaves out a section that cannot be computed', () => {
    expect(estimateSummary({ traffic: null, storage: { itemBytes: 1, itemsPerDay: 1, retentionDays: 1 } })).toBe(
      'Storage: 1 items/day × 1 B = 1 B/day\nKept 1 days: 1 B',
    );
    expect(estimateSummary({ traffic: { ...TEN_MILLION_USERS, peakFactor: 0 }, storage: null })).toBe('');
  });
});
