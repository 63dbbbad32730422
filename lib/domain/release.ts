/** How long either side may hold the other's view back: a week after the interview ended. */
export const RELEASE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

export type TReleaseFacts = {
  /** Epoch ms; null while the interview has not ended. */
  endedAt: number | null;
  hasScorecard: boolean;
  hasFeedback: boolean;
};

/**
 * Blind release: the candidate's scorecard and the interviewer's feedback become visible
 * together, so neither side can write theirs in reaction to the other's. Once both are in, or a
 * week after the end (so one side cannot hold the other's hostage), both are released.
 */
export function isReleased({ endedAt, hasScorecard, hasFeedback }: TReleaseFacts, now: number): boolean {
  if (endedAt === null) return false;
  if (hasScorecard && hasFeedback) return true;
  return now >= endedAt + RELEASE_AFTER_MS;
}
