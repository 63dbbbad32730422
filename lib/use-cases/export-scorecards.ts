import { toCsv } from '@/lib/domain/csv';
import { DIMENSION_IDS, LEVEL_ESTIMATE_LABELS, RECOMMENDATION_LABELS } from '@/lib/domain/rubric';
import { ZDimensionScore, ZLevelEstimate, ZRecommendation } from '@/lib/domain/rubric-schema';
import { isRowReleased, RELEASE_SELECT } from './release';
import type { TUseCaseContext } from './context';

export const SCORECARD_CSV_HEADER = [
  'interview_id',
  'date',
  'prompt',
  'level',
  'role',
  ...DIMENSION_IDS.map((id) => `score_${id}`),
  'level_estimate',
  'recommendation',
  ...DIMENSION_IDS.map((id) => `comment_${id}`),
  'summary',
] as const;

/**
 * The user's scorecards as CSV, in the app's words ("Hire", "Strong no hire", "Above L5") and
 * with the comments and summary, one row per interview with the latest version: as interviewer
 * every interview they scored, as candidate only the released ones (blind release).
 */
export async function scorecardsCsv(ctx: TUseCaseContext): Promise<string> {
  const { db: prisma, userId, now } = ctx;
  const seats = await prisma.participant.findMany({
    where: { userId, interview: { scorecards: { some: {} } } },
    select: {
      role: true,
      interview: {
        select: {
          ...RELEASE_SELECT,
          id: true,
          level: true,
          promptCopy: true,
          startedAt: true,
          createdAt: true,
          scorecards: { orderBy: { version: 'desc' }, take: 1, select: { scores: true, levelEstimate: true, recommendation: true, summary: true } },
        },
      },
    },
    orderBy: { interview: { createdAt: 'desc' } },
  });

  const rows: Array<Array<string | number | null>> = [[...SCORECARD_CSV_HEADER]];
  for (const { role, interview } of seats) {
    const latest = interview.scorecards[0];
    if (!latest) continue;
    if (role === 'candidate' && !isRowReleased(interview, now)) continue;
    const scores = latest.scores as Record<string, unknown>;
    const dimension = (id: string) => ZDimensionScore.safeParse(scores[id]).data;
    const date = interview.startedAt ?? interview.createdAt;
    const estimate = ZLevelEstimate.safeParse(latest.levelEstimate);
    const recommendation = ZRecommendation.safeParse(latest.recommendation);
    rows.push([
      interview.id,
      date.toISOString(),
      titleOf(interview.promptCopy),
      interview.level,
      role,
      ...DIMENSION_IDS.map((id) => dimension(id)?.score ?? null),
      estimate.success ? LEVEL_ESTIMATE_LABELS[estimate.data] : latest.levelEstimate,
      recommendation.success ? RECOMMENDATION_LABELS[recommendation.data] : latest.recommendation,
      ...DIMENSION_IDS.map((id) => dimension(id)?.comment ?? ''),
      latest.summary,
    ]);
  }
  return toCsv(rows);
}

/** The prompt title of the interview's copy; a damaged copy gives an empty cell, not a failed export. */
function titleOf(promptCopy: unknown): string {
  const title = (promptCopy as { title?: unknown } | null)?.title;
  return typeof title === 'string' ? title : '';
}
