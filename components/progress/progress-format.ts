import { SCORE_MEANINGS, type TDimensionId, type TScore } from '@/lib/domain/rubric';

// Rendered on the server, where the reader's time zone is unknown: dates are UTC and the page
// says so.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** "3 Feb 2026" (UTC). */
export function formatDate(epochMs: number): string {
  return DATE_FORMAT.format(epochMs);
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
