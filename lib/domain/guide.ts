/**
 * The interviewer guide during a live interview: which hints the candidate may see, the
 * interview time that stamps notes, and the limits on notes. Pure: no I/O.
 */

export const MAX_NOTE_LENGTH = 5000;

/** Notes per interview: far above a real session, low enough that a script cannot fill the table. */
export const MAX_NOTES_PER_INTERVIEW = 500;


/** `Note.atMs` is a 32-bit integer column: about 24.8 days. */
const MAX_AT_MS = 2 ** 31 - 1;

/**
 * Interview time in ms: since the start, 0 before it, frozen at the end (a note written after
 * "End interview" is stamped with the interview's length).
 */
export function interviewTimeMs(startedAt: Date | null, endedAt: Date | null, now: Date): number {
  if (!startedAt) return 0;
  const until = endedAt && endedAt.getTime() < now.getTime() ? endedAt : now;
  return Math.min(MAX_AT_MS, Math.max(0, until.getTime() - startedAt.getTime()));
}

/** Interview time as mm:ss (minutes keep counting past 59: "75:03"). */
export function formatInterviewTime(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

export type TRevealedHint = { index: number; text: string };

/**
 * The hints the candidate may see, in the order they were revealed. Indexes that do not exist in
 * the ladder (a damaged row) and repeats are skipped rather than failing the whole room.
 */
export function revealedHintsOf(ladder: readonly string[], revealed: readonly number[]): TRevealedHint[] {
  const seen = new Set<number>();
  const hints: TRevealedHint[] = [];
  for (const index of revealed) {
    const text = ladder[index];
    if (text === undefined || seen.has(index)) continue;
    seen.add(index);
    hints.push({ index, text });
  }
  return hints;
}

/** The checked set after ticking or unticking one key point: sorted, no repeats. */
export function withKeyPoint(checked: readonly number[], index: number, isChecked: boolean): number[] {
  const next = new Set(checked);
  if (isChecked) next.add(index);
  else next.delete(index);
  return [...next].sort((a, b) => a - b);
}
