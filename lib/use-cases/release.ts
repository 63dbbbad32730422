import { isReleased } from '@/lib/domain/release';

// The blind-release rule itself is pure (lib/domain/release.ts); this is the one place that reads
// its facts off a stored Interview row, so that every reader (review, feedback, history, CSV,
// progress) holds back exactly the same interviews.

/**
 * The Interview columns the release reads. Spread into a `select` together with the latest
 * scorecard, `scorecards: { orderBy: { version: 'desc' }, take: 1, select: ... }`.
 */
export const RELEASE_SELECT = { status: true, endedAt: true, feedback: { select: { id: true } } } as const;

/** An Interview row as read with RELEASE_SELECT: `scorecards` holds at most the latest version. */
export type TReleaseRow = {
  status: string;
  endedAt: Date | null;
  feedback: object | null;
  scorecards: readonly unknown[];
};

/** The interview's end as the release rule wants it: epoch ms, null while not ended. */
export function endedAtOf(interview: { status: string; endedAt: Date | null }): number | null {
  return interview.status === 'ended' && interview.endedAt ? interview.endedAt.getTime() : null;
}

/** Whether the row's scorecard and feedback are released to the other side at `now`. */
export function isRowReleased(row: TReleaseRow, now: number): boolean {
  return isReleased({ endedAt: endedAtOf(row), hasScorecard: row.scorecards.length > 0, hasFeedback: row.feedback !== null }, now);
}
