/**
 * Back-of-the-envelope estimation: traffic (QPS) and storage from a handful of assumptions, plus
 * the parsing and human formatting the candidate's calculator needs. Pure: no I/O, no DOM.
 *
 * Units are decimal (1 KB = 1,000 B), as estimates are usually done: the 2.4% difference to KiB
 * is far below the precision of the assumptions.
 */

/** A day's traffic is spread evenly over its seconds for the average rate. */
export const SECONDS_PER_DAY = 86_400;

export type TTrafficInput = {
  dailyActiveUsers: number;
  /** Requests one user makes per day (reads and writes together). */
  actionsPerUser: number;
  /** Share of reads and writes, e.g. 10:1. Only the proportion matters. */
  readWrite: TRatio;
  /** Peak traffic over the daily average; at least 1. */
  peakFactor: number;
};

export type TRatio = { reads: number; writes: number };

export type TTraffic = {
  requestsPerDay: number;
  avgQps: number;
  avgReadQps: number;
  avgWriteQps: number;
  peakQps: number;
  peakReadQps: number;
  peakWriteQps: number;
};

export type TStorageInput = {
  /** Size of one stored item in bytes. */
  itemBytes: number;
  itemsPerDay: number;
  retentionDays: number;
};

export type TStorage = { bytesPerDay: number; totalBytes: number };

const isCount = (value: number) => Number.isFinite(value) && value >= 0;

/** Checks one ratio: both sides non-negative, not both zero. */
export function isValidRatio(ratio: TRatio): boolean {
  return isCount(ratio.reads) && isCount(ratio.writes) && ratio.reads + ratio.writes > 0;
}

/**
 * Average and peak QPS, split into reads and writes. Null when an input is not a usable number
 * (negative, NaN, infinite, a 0:0 ratio or a peak factor below 1); zero traffic is valid.
 */
export function estimateTraffic(input: TTrafficInput): TTraffic | null {
  const { dailyActiveUsers, actionsPerUser, readWrite, peakFactor } = input;
  if (!isCount(dailyActiveUsers) || !isCount(actionsPerUser) || !isValidRatio(readWrite)) return null;
  if (!Number.isFinite(peakFactor) || peakFactor < 1) return null;
  const requestsPerDay = dailyActiveUsers * actionsPerUser;
  const avgQps = requestsPerDay / SECONDS_PER_DAY;
  const readShare = readWrite.reads / (readWrite.reads + readWrite.writes);
  const avgReadQps = avgQps * readShare;
  const avgWriteQps = avgQps - avgReadQps;
  return {
    requestsPerDay,
    avgQps,
    avgReadQps,
    avgWriteQps,
    peakQps: avgQps * peakFactor,
    peakReadQps: avgReadQps * peakFactor,
    peakWriteQps: avgWriteQps * peakFactor,
  };
}

/** Storage per day and over the retention period; null for a negative or non-finite input. */
export function estimateStorage(input: TStorageInput): TStorage | null {
  const { itemBytes, itemsPerDay, retentionDays } = input;
  if (!isCount(itemBytes) || !isCount(itemsPerDay) || !isCount(retentionDays)) return null;
  const bytesPerDay = itemBytes * itemsPerDay;
  return { bytesPerDay, totalBytes: bytesPerDay * retentionDays };
}

// ---------------------------------------------------------------------------------------------
// Parsing what people type
// ---------------------------------------------------------------------------------------------

const COUNT_SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  m: 1e6,
  mm: 1e6,
  b: 1e9,
  bn: 1e9,
  t: 1e12,
};

const BYTE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

// A plain or scientific number; thousands separators (",", "_", thin spaces) are removed first.
const NUMBER_WITH_UNIT = /^([+]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)$/i;

function splitNumber(text: string): { value: number; unit: string } | null {
  const compact = text.trim().replace(/[,_\u00a0\u202f']/g, '');
  const match = NUMBER_WITH_UNIT.exec(compact);
  if (!match) return null;
  const value = Number(match[1]);
  if (!Number.isFinite(value)) return null;
  return { value, unit: (match[2] ?? '').toLowerCase() };
}

/** "10M", "2.5k", "10,000,000", "1e6", "3 bn" → a number; null when it is not one. */
export function parseCount(text: string): number | null {
  const parts = splitNumber(text);
  if (!parts) return null;
  const factor = COUNT_SUFFIXES[parts.unit];
  return factor === undefined ? null : parts.value * factor;
}

/** "1 KB", "500", "2.5MB", "4 KiB" → bytes (a bare number is bytes); null when not a size. */
export function parseByteSize(text: string): number | null {
  const parts = splitNumber(text);
  if (!parts) return null;
  const factor = BYTE_UNITS[parts.unit];
  return factor === undefined ? null : parts.value * factor;
}

/** "10:1", "1:4", "10" (= 10:1), "100/1" → reads and writes; null when not a ratio. */
export function parseRatio(text: string): TRatio | null {
  const sides = text.split(/[:/]/);
  if (sides.length > 2) return null;
  const reads = parseCount(sides[0] ?? '');
  const writes = sides.length === 2 ? parseCount(sides[1] ?? '') : 1;
  if (reads === null || writes === null) return null;
  const ratio = { reads, writes };
  return isValidRatio(ratio) ? ratio : null;
}

// ---------------------------------------------------------------------------------------------
// Human formatting
// ---------------------------------------------------------------------------------------------

const COUNT_UNITS = ['', 'K', 'M', 'B', 'T'] as const;
const SIZE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/** 3 significant digits, no trailing zeros: 1.1574 → "1.16", 0.5 → "0.5", 116.2 → "116". */
function significant(value: number): string {
  if (value === 0) return '0';
  // Below this an estimate is "nothing"; it also keeps String() away from exponent notation.
  if (value < 0.001) return '<0.001';
  return String(Number(value.toPrecision(3)));
}

/**
 * Scales a value by powers of 1,000 into the largest unit that keeps it at or above 1, after
 * rounding (so 999,999 shows as "1 M", not "1000 K").
 */
function scaled(value: number, units: readonly string[]): { text: string; unit: string } {
  let index = 0;
  let current = value;
  while (index < units.length - 1 && Number(current.toPrecision(3)) >= 1000) {
    current /= 1000;
    index += 1;
  }
  const unit = units[index] ?? '';
  // Past the last unit keep the digits rather than switching to an exponent.
  const text = Number(current.toPrecision(3)) >= 1000 ? Math.round(current).toLocaleString('en-US') : significant(current);
  return { text, unit };
}

/** 1,157.4 → "1.16 K", 10,000,000 → "10 M", 42 → "42". Non-finite or negative → "—". */
export function formatCount(value: number): string {
  if (!isCount(value)) return '—';
  const { text, unit } = scaled(value, COUNT_UNITS);
  return unit ? `${text} ${unit}` : text;
}

/** Requests per second: 1,157.4 → "1.16 K/s", 0.5 → "0.5/s". */
export function formatRate(perSecond: number): string {
  if (!isCount(perSecond)) return '—';
  const { text, unit } = scaled(perSecond, COUNT_UNITS);
  return unit ? `${text} ${unit}/s` : `${text}/s`;
}

/** Bytes in decimal units: 3.4e9 → "3.4 GB", 512 → "512 B". */
export function formatBytes(bytes: number): string {
  if (!isCount(bytes)) return '—';
  const { text, unit } = scaled(bytes, SIZE_UNITS);
  return `${text} ${unit}`;
}

/** A whole number with thousands separators: 1157.4 → "1,157". */
export function formatWhole(value: number): string {
  if (!isCount(value)) return '—';
  return Math.round(value).toLocaleString('en-US');
}

/** "10:1", "1:4", "2.5:1". */
export function formatRatio(ratio: TRatio): string {
  return `${significant(ratio.reads)}:${significant(ratio.writes)}`;
}

// ---------------------------------------------------------------------------------------------
// Summary (what goes on the whiteboard)
// ---------------------------------------------------------------------------------------------

export type TEstimateInput = { traffic: TTrafficInput | null; storage: TStorageInput | null };

/**
 * The estimate as a few lines of plain text, for a text shape on the board. A section whose
 * inputs are missing or unusable is left out; an empty string when both are.
 */
export function estimateSummary({ traffic, storage }: TEstimateInput): string {
  const lines: string[] = [];
  const qps = traffic && estimateTraffic(traffic);
  if (traffic && qps) {
    lines.push(
      `Traffic: ${formatCount(traffic.dailyActiveUsers)} DAU × ${formatCount(traffic.actionsPerUser)} actions/day = ${formatCount(qps.requestsPerDay)} requests/day`,
      `Average: ${formatRate(qps.avgQps)} (reads ${formatRate(qps.avgReadQps)}, writes ${formatRate(qps.avgWriteQps)}; R:W ${formatRatio(traffic.readWrite)})`,
      `Peak (×${significant(traffic.peakFactor)}): ${formatRate(qps.peakQps)} (reads ${formatRate(qps.peakReadQps)}, writes ${formatRate(qps.peakWriteQps)})`,
    );
  }
  const size = storage && estimateStorage(storage);
  if (storage && size) {
    lines.push(
      `Storage: ${formatCount(storage.itemsPerDay)} items/day × ${formatBytes(storage.itemBytes)} = ${formatBytes(size.bytesPerDay)}/day`,
      `Kept ${formatWhole(storage.retentionDays)} days: ${formatBytes(size.totalBytes)}`,
    );
  }
  return lines.join('\n');
}
