import { ZPromptCopy } from '@/lib/domain/interview';
import { storedScoresOf, summarizeProgress, type TProgressEntry, type TProgressSummary } from '@/lib/domain/progress';
import { ZLevelEstimate } from '@/lib/domain/rubric-schema';
import { isRowReleased, RELEASE_SELECT, releasedWhere } from './release';
import type { TUseCaseContext } from './context';

/**
 * How many of the candidate's latest scored interviews the progress reads. A chart of more
 * points than this is unreadable anyway, and the page stays one bounded query.
 */
export const PROGRESS_LIMIT = 200;

export type TProgress = TProgressSummary & {
  /** True when the candidate has more scored interviews than PROGRESS_LIMIT: older ones are left out. */
  isCapped: boolean;
  limit: number;
};

/**
 * The candidate's progress at `ctx.now`: the ended interviews where the caller was the candidate and
 * whose latest scorecard version is released to them (blind release, the same rule as the
 * review page), with their aggregates. Interviews they ran as the interviewer never count.
 */
export async function getProgress(ctx: TUseCaseContext): Promise<TProgress> {
  const { db: prisma, userId, now } = ctx;
  // The newest first so that the cap drops the oldest; the summary puts them back in date order.
  // Held-back rows are filtered in the query, so they neither take a place under the cap nor
  // reveal by their count that the interviewer has scored.
  const rows = await prisma.interview.findMany({
    where: { ...releasedWhere(now), participants: { some: { userId, role: 'candidate' } } },
    orderBy: [{ endedAt: 'desc' }, { id: 'desc' }],
    take: PROGRESS_LIMIT + 1,
    select: {
      ...RELEASE_SELECT,
      id: true,
      level: true,
      promptCopy: true,
      scorecards: { orderBy: { version: 'desc' }, take: 1, select: { scores: true, levelEstimate: true } },
    },
  });

  const entries: TProgressEntry[] = [];
  for (const row of rows.slice(0, PROGRESS_LIMIT)) {
    const latest = row.scorecards[0];
    if (!latest || !row.endedAt || !isRowReleased(row, now)) continue;
    // Rows are written validated; one damaged row is left out rather than failing the page.
    const scores = storedScoresOf(latest.scores);
    if (!scores) continue;
    const copy = ZPromptCopy.safeParse(row.promptCopy);
    entries.push({
      interviewId: row.id,
      title: copy.success ? copy.data.title : 'Interview',
      topics: copy.success ? copy.data.topics : [],
      level: row.level,
      endedAt: row.endedAt.getTime(),
      scores,
      levelEstimate: ZLevelEstimate.safeParse(latest.levelEstimate).data ?? null,
    });
  }
  return { ...summarizeProgress(entries), isCapped: rows.length > PROGRESS_LIMIT, limit: PROGRESS_LIMIT };
}
