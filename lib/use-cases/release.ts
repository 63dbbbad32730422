import type { Prisma } from '@/lib/generated/prisma/client';
import { isReleased, RELEASE_AFTER_MS } from '@/lib/domain/release';

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

/**
 * The same rule as a query filter, for readers that page or cap their rows and so must not let
 * held-back rows take places (or reveal, by their count, that a scorecard exists): ended, scored,
 * and either the feedback is in or the week has passed. Readers still check `isRowReleased` on
 * each row, so the two can never disagree silently (tests/integration/progress.test.ts).
 */
export function releasedWhere(now: number): Prisma.InterviewWhereInput {
  return {
    status: 'ended',
    endedAt: { not: null },
    scorecards: { some: {} },
    OR: [{ feedback: { isNot: null } }, { endedAt: { lte: new Date(now - RELEASE_AFTER_MS) } }],
  };
}
