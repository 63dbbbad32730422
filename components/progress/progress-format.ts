import { SCORE_MEANINGS, type TDimensionId, type TScore } from '@/lib/domain/rubric';

// Rendered on the server, where the reader's time zone is unknown: dates are UTC and the page
// says so.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** "3 Feb 2026" (UTC). */
export function formatDate(epochMs: number): string {
  return DATE_FORMAT.format(epochMs);
}

const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/**
 * One label per moment, distinct whenever the moments differ: "3 Feb 2026", with the time when
 * another shares the day ("3 Feb 2026, 09:00" and "3 Feb 2026, 14:05"), and a number when even
 * the minute is shared ("3 Feb 2026, 14:05 (2)").
 */
export function distinctDateLabels(times: readonly number[]): string[] {
  const days = times.map((t) => formatDate(t));
  const withTime = times.map((t, i) => (days.filter((day) => day === days[i]).length > 1 ? `${days[i]}, ${TIME_FORMAT.format(t)}` : days[i]!));
  const seen = new Map<string, number>();
  return withTime.map((label) => {
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    const total = withTime.filter((other) => other === label).length;
    return total > 1 ? `${label} (${count})` : label;
  });
}

/** Means as the page shows them: two decimals, so 2.75 (the rubric's "meets" mean) reads exactly. */
export function formatMean(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** "Meets the bar" for 3; scores are stored validated, anything else reads as the bare number. */
export function scoreMeaning(score: number): string {
  return SCORE_MEANINGS[score as TScore]?.label ?? String(score);
}

/** Where each interview of the progress leads: its review page. */
export function reviewHref(interviewId: string): string {
  return `/interviews/${encodeURIComponent(interviewId)}/review`;
}

/** Column headings for the wide tables; the full label is in the cell's `title`. */
export const SHORT_DIMENSION_LABELS: Readonly<Record<TDimensionId, string>> = {
  requirements: 'Requirements',
  estimation: 'Estimation',
  'high-level-design': 'High-level design',
  'deep-dive': 'Deep dive',
  'scalability-reliability': 'Scalability',
  communication: 'Communication',
};

/** The id of the page's table of scored interviews, which every chart links to as its data. */
export const SCORES_TABLE_ID = 'scores-table';
