import type { PrismaClient } from '@/lib/generated/prisma/client';
import { toCsv } from '@/lib/domain/csv';
import { DIMENSION_IDS, ZDimensionScore } from '@/lib/domain/rubric';
import { isRowReleased, RELEASE_SELECT } from './release';

export const SCORECARD_CSV_HEADER = [
  'interview_id',
  'date',
  'prompt',
  'level',
  'role',
  ...DIMENSION_IDS.map((id) => `score_${id}`),
  'level_estimate',
  'recommendation',
] as const;

/**
 * The user's scorecards as CSV, one row per interview with the latest version: as interviewer
 * every interview they scored, as candidate only the released ones (blind release).
 */
export async function scorecardsCsv(prisma: PrismaClient, userId: string, now: number = Date.now()): Promise<string> {
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
          scorecards: { orderBy: { version: 'desc' }, take: 1, select: { scores: true, levelEstimate: true, recommendation: true } },
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
    const date = interview.startedAt ?? interview.createdAt;
    rows.push([
      interview.id,
      date.toISOString(),
      titleOf(interview.promptCopy),
      interview.level,
      role,
      ...DIMENSION_IDS.map((id) => ZDimensionScore.safeParse(scores[id]).data?.score ?? null),
      latest.levelEstimate,
      latest.recommendation,
    ]);
  }
  return toCsv(rows);
}

/** The prompt title of the interview's copy; a damaged copy gives an empty cell, not a failed export. */
function titleOf(promptCopy: unknown): string {
  const title = (promptCopy as { title?: unknown } | null)?.title;
  return typeof title === 'string' ? title : '';
}
