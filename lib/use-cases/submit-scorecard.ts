import type { z } from 'zod';
import { RUBRIC_DIMENSIONS } from '@/lib/domain/rubric';
import { ZLevelEstimate, ZRecommendation, ZStoredScores } from '@/lib/domain/rubric-schema';
import { ZScorecardSubmit } from '@/lib/protocol/interview-api';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { requireRole } from './access';
import type { TUseCaseContext } from './context';
import { isInterviewReleased } from './feedback';
import { appendTimelineEvent } from './timeline';
import type { TScorecardView, TScorecardList } from '@/lib/protocol/review';

export type { TScorecardView, TScorecardList } from '@/lib/protocol/review';

// A scorecard is final once submitted: a correction is a new row with the next version number,
// and earlier rows are never updated. The candidate reads only the latest version; drafts never
// leave the interviewer's browser, so there is nothing unsubmitted to leak.

/** Submissions racing for the same version number (two tabs): how often we take the next one. */
const MAX_VERSION_ATTEMPTS = 3;

const DIMENSION_LABELS = new Map<string, string>(RUBRIC_DIMENSIONS.map((d) => [d.id, d.label]));

/** zod's messages name JSON paths; the form wants to say which dimension is missing. */
function scorecardInputError(error: z.ZodError): TResult<never> {
  const result = fromZodError(error);
  const first = error.issues[0];
  if (result.ok || !first || first.path[0] !== 'scores') return result;
  const label = DIMENSION_LABELS.get(String(first.path[1]));
  if (!label) return result;
  const message = first.path[2] === 'comment' ? `${label}: ${first.message}` : `${label}: give a score from 1 to 4.`;
  return fail('invalid_input', message, result.error.fields);
}

function toView(row: {
  version: number;
  createdAt: Date;
  scores: unknown;
  levelEstimate: string;
  recommendation: string;
  summary: string;
}): TScorecardView {
  // Rows are only written by submitScorecard after validation; parsing again keeps a damaged
  // row from reaching a browser in a shape the view does not expect.
  return {
    version: row.version,
    submittedAt: row.createdAt.getTime(),
    scores: ZStoredScores.parse(row.scores),
    levelEstimate: ZLevelEstimate.parse(row.levelEstimate),
    recommendation: ZRecommendation.parse(row.recommendation),
    summary: row.summary,
  };
}

const VIEW_SELECT = {
  version: true,
  createdAt: true,
  scores: true,
  levelEstimate: true,
  recommendation: true,
  summary: true,
} as const;

/**
 * Stores a new, final version of the interview's scorecard (`{ interviewId, scores,
 * levelEstimate, recommendation, summary }`), stamped `ctx.now`. Interviewer only (the role is
 * read from the database); the interview must have started. Returns the version number given.
 */
export async function submitScorecard(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ version: number }>> {
  const parsed = ZScorecardSubmit.safeParse(input);
  if (!parsed.success) return scorecardInputError(parsed.error);
  const { interviewId, scores, levelEstimate, recommendation, summary } = parsed.data;
  const { db: prisma, userId } = ctx;
  const access = await requireRole(ctx, interviewId, 'interviewer', { forbidden: 'Only the interviewer can submit the scorecard.' });
  if (!access.ok) return access;
  if (access.data.status === 'scheduled') return fail('conflict', 'Start the interview before submitting a scorecard.');

  const now = new Date(ctx.now);
  for (let attempt = 0; attempt < MAX_VERSION_ATTEMPTS; attempt += 1) {
    const latest = await prisma.scorecard.aggregate({ where: { interviewId }, _max: { version: true } });
    const version = (latest._max.version ?? 0) + 1;
    try {
      // One batch: the row and its timeline event are stored together or not at all.
      await prisma.$transaction([
        prisma.scorecard.create({
          data: { interviewId, interviewerId: userId, version, scores, levelEstimate, recommendation, summary, createdAt: now },
        }),
        appendTimelineEvent(prisma, { interviewId, at: now, actorId: userId }, { kind: 'scorecard:submitted', payload: { version } }),
      ]);
      return ok({ version });
    } catch (error) {
      // Another submission took this version number first (the unique index on
      // (interviewId, version) decides). Both are complete scorecards by the one interviewer, so
      // ours simply becomes the next version; the other is kept in the history.
      if ((error as { code?: string }).code !== 'P2002') throw error;
    }
  }
  return fail('conflict', 'Another scorecard was being submitted at the same time. Reload and try again.');
}

/**
 * The scorecards the caller may read: every version for the interviewer; for the candidate only
 * the latest submitted one, once released at `ctx.now`; not found for anyone else.
 */
export async function getScorecards(ctx: TUseCaseContext, { interviewId }: { interviewId: string }): Promise<TResult<TScorecardList>> {
  const member = await requireRole(ctx, interviewId);
  if (!member.ok) return member;
  const { role } = member.data;
  const prisma = ctx.db;
  if (role === 'interviewer') {
    const rows = await prisma.scorecard.findMany({ where: { interviewId }, orderBy: { version: 'desc' }, select: VIEW_SELECT });
    return ok({ role, versions: rows.map(toView) });
  }
  // Blind release: nothing, not even whether a scorecard exists, until the candidate has given
  // feedback and the interviewer has scored, or a week after the end.
  if (!(await isInterviewReleased(prisma, interviewId, ctx.now))) return ok({ role, versions: [], isReleased: false });
  const latest = await prisma.scorecard.findFirst({ where: { interviewId }, orderBy: { version: 'desc' }, select: VIEW_SELECT });
  return ok({ role, versions: latest ? [toView(latest)] : [], isReleased: true });
}
