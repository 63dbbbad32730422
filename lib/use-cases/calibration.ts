import type { TBoardTimeline } from '@/lib/protocol/review';
import { calibrationGap, referenceTimeline, type TReferenceSession } from '@/lib/domain/reference-session';
import { DIMENSION_IDS, RUBRIC_DIMENSIONS, scoresOf } from '@/lib/domain/rubric';
import { ZLevelEstimate, ZRecommendation, ZStoredScores } from '@/lib/domain/rubric-schema';
import {
  ZCalibrationRef,
  ZCalibrationSubmit,
  type TCalibrationItem,
  type TCalibrationResult,
  type TCalibrationSession,
  type TCalibrationSummary,
} from '@/lib/protocol/calibration';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import type { TUseCaseContext } from './context';
import { readReferenceSessions } from './reference-sessions';

// Interviewer calibration against the reference sessions (prisma/reference-sessions). The
// reference scores, their rationale and the session's band stay on the server until the caller
// has scored the session: seeing them first would make the calibration meaningless.

/** The files are read once per process (they change with a deploy, like the prompt bank). */
let loaded: Promise<TReferenceSession[]> | undefined;
function sessions(): Promise<TReferenceSession[]> {
  loaded ??= readReferenceSessions().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

/** The replay's clock for a reference session: a fixed start, so every viewer sees the same times. */
const REFERENCE_START = Date.UTC(2026, 0, 5, 9);

async function sessionBySlug(slug: string): Promise<TReferenceSession | undefined> {
  return (await sessions()).find((session) => session.slug === slug);
}

const notFound = () => fail('not_found', 'There is no such reference session.');

async function promptTitles(ctx: TUseCaseContext, slugs: string[]): Promise<Map<string, { title: string; statement: string }>> {
  const rows = await ctx.db.prompt.findMany({ where: { slug: { in: slugs }, authorId: null }, select: { slug: true, title: true, statement: true } });
  return new Map(rows.map((row) => [row.slug!, { title: row.title, statement: row.statement }]));
}

/** The latest attempt per session of the caller. */
async function latestAttempts(ctx: TUseCaseContext) {
  const rows = await ctx.db.calibrationAttempt.findMany({
    where: { userId: ctx.userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { sessionSlug: true, meanAbsGap: true },
  });
  const latest = new Map<string, number>();
  for (const row of rows) if (!latest.has(row.sessionSlug)) latest.set(row.sessionSlug, row.meanAbsGap);
  return latest;
}

/** The caller's calibration: the mean over the sessions they scored of their latest attempt's mean absolute gap. */
export async function getCalibrationSummary(ctx: TUseCaseContext): Promise<TCalibrationSummary> {
  const known = new Set((await sessions()).map((s) => s.slug));
  const gaps = [...(await latestAttempts(ctx))].filter(([slug]) => known.has(slug)).map(([, gap]) => gap);
  return { sessions: gaps.length, meanAbsoluteGap: gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null };
}

/** Every reference session, with the caller's gap where they scored it. */
export async function listCalibration(ctx: TUseCaseContext): Promise<{ items: TCalibrationItem[]; summary: TCalibrationSummary }> {
  const all = await sessions();
  const [titles, latest, summary] = await Promise.all([promptTitles(ctx, all.map((s) => s.promptSlug)), latestAttempts(ctx), getCalibrationSummary(ctx)]);
  const items = all.map((s) => ({ slug: s.slug, title: s.title, promptTitle: titles.get(s.promptSlug)?.title ?? s.promptSlug, level: s.level, meanAbsoluteGap: latest.get(s.slug) ?? null }));
  return { items, summary };
}

async function resultFor(ctx: TUseCaseContext, session: TReferenceSession): Promise<TCalibrationResult | null> {
  const attempts = await ctx.db.calibrationAttempt.findMany({
    where: { userId: ctx.userId, sessionSlug: session.slug },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { scores: true, levelEstimate: true, recommendation: true },
  });
  const latest = attempts[0];
  const scores = latest ? ZStoredScores.safeParse(latest.scores) : null;
  if (!latest || !scores?.success) return null;
  const mine = scoresOf({ scores: scores.data });
  const { gaps, meanAbsoluteGap } = calibrationGap(mine, session.reference.scores);
  return {
    band: session.band,
    debrief: session.debrief,
    attempts: attempts.length,
    meanAbsoluteGap,
    dimensions: RUBRIC_DIMENSIONS.map((d) => ({ id: d.id, label: d.label, yours: mine[d.id], reference: session.reference.scores[d.id].score, gap: gaps[d.id], rationale: session.reference.scores[d.id].rationale })),
    yours: { levelEstimate: ZLevelEstimate.parse(latest.levelEstimate), recommendation: ZRecommendation.parse(latest.recommendation) },
    reference: { levelEstimate: session.reference.levelEstimate, recommendation: session.reference.recommendation },
  };
}

/** A reference session for its page (`{ slug }`); the reference and its rationale only once the caller has scored it. */
export async function getCalibrationSession(ctx: TUseCaseContext, input: unknown): Promise<TResult<TCalibrationSession>> {
  const parsed = ZCalibrationRef.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const session = await sessionBySlug(parsed.data.slug);
  if (!session) return notFound();
  const prompt = (await promptTitles(ctx, [session.promptSlug])).get(session.promptSlug);
  if (!prompt) return notFound();
  return ok({
    slug: session.slug,
    title: session.title,
    level: session.level,
    prompt,
    durationMinutes: session.durationMinutes,
    phases: session.phases,
    notes: session.notes,
    result: await resultFor(ctx, session),
  });
}

/** The replay's timeline of a reference session (`{ slug }`), in the shape of an interview's. */
export async function getCalibrationTimeline(ctx: TUseCaseContext, input: unknown): Promise<TResult<TBoardTimeline>> {
  const parsed = ZCalibrationRef.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const session = await sessionBySlug(parsed.data.slug);
  if (!session) return notFound();
  const timeline = referenceTimeline(session, REFERENCE_START);
  // No stored schema: the records are written for the tldraw this build ships, which validates them.
  return ok({ startedAt: REFERENCE_START, endedAt: timeline.endedAt, schema: null, keyframes: timeline.keyframes, events: timeline.events, markers: timeline.markers });
}

/** Scores a reference session with the normal rubric (`{ slug, scores, levelEstimate, recommendation, summary }`); answers the attempt's number as `version`. */
export async function submitCalibration(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ version: number; meanAbsoluteGap: number }>> {
  const parsed = ZCalibrationSubmit.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { slug, ...scorecard } = parsed.data;
  const session = await sessionBySlug(slug);
  if (!session) return notFound();
  const { meanAbsoluteGap } = calibrationGap(scoresOf(scorecard), session.reference.scores);
  await ctx.db.calibrationAttempt.create({
    data: {
      userId: ctx.userId,
      sessionSlug: slug,
      scores: Object.fromEntries(DIMENSION_IDS.map((id) => [id, scorecard.scores[id]])),
      levelEstimate: scorecard.levelEstimate,
      recommendation: scorecard.recommendation,
      summary: scorecard.summary,
      meanAbsGap: meanAbsoluteGap,
      createdAt: new Date(ctx.now),
    },
  });
  const version = await ctx.db.calibrationAttempt.count({ where: { userId: ctx.userId, sessionSlug: slug } });
  return ok({ version, meanAbsoluteGap });
}
