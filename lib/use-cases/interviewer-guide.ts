import type { PrismaClient } from '@/lib/generated/prisma/client';
import { revealedHintsOf } from '@/lib/domain/guide';
import { ZPromptCopy } from '@/lib/domain/interview';
import type { TStoredGuide } from '@/lib/domain/prompt';
import { ZGuideRef, type TGuideSync, type TInterviewerGuide, type TNote } from '@/lib/protocol/guide';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { notFound, requireRole } from './access';
import type { TUseCaseContext } from './context';

export type { TGuideSync, TInterviewerGuide, TNote } from '@/lib/protocol/guide';

// What the guide panels read, and the access rule every guide action shares. The guide (key
// points, follow-ups, the hint ladder, the L4/L5 answers) and the notes are the interviewer's
// alone; only the text of the hints they revealed is for both.

const GUIDE_COLUMNS = {
  promptCopy: true,
  status: true,
  startedAt: true,
  endedAt: true,
  revealedHints: true,
  checkedKeyPoints: true,
} as const;

export type TGuideRow = {
  status: 'scheduled' | 'live' | 'ended';
  startedAt: Date | null;
  endedAt: Date | null;
  revealedHints: number[];
  checkedKeyPoints: number[];
  guide: TStoredGuide;
};

async function loadGuideRow(prisma: PrismaClient, interviewId: string): Promise<TResult<TGuideRow>> {
  const row = await prisma.interview.findUnique({ where: { id: interviewId }, select: GUIDE_COLUMNS });
  if (!row) return notFound();
  const copy = ZPromptCopy.safeParse(row.promptCopy);
  if (!copy.success) return fail('internal', 'The prompt of this interview is damaged.');
  return ok({
    status: row.status,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    revealedHints: row.revealedHints,
    checkedKeyPoints: row.checkedKeyPoints,
    guide: copy.data.guide,
  });
}

/** The interview with its guide, for an interviewer-only action that writes (refused once the interview ended). */
export async function guideForInterviewer(ctx: TUseCaseContext, interviewId: string): Promise<TResult<TGuideRow>> {
  const access = await requireRole(ctx, interviewId, 'interviewer', { isOpen: true });
  if (!access.ok) return access;
  return loadGuideRow(ctx.db, interviewId);
}

/** The interviewer's notes of an interview, in interview-time order. */
export async function listNotes(prisma: PrismaClient, interviewId: string, authorId: string): Promise<TNote[]> {
  const rows = await prisma.note.findMany({
    where: { interviewId, authorId },
    orderBy: [{ atMs: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, atMs: true, text: true, updatedAt: true },
  });
  return rows.map(toNote);
}

export function toNote(row: { id: string; atMs: number; text: string; updatedAt: Date }): TNote {
  return { id: row.id, atMs: row.atMs, text: row.text, updatedAt: row.updatedAt.getTime() };
}

/** The interviewer's panels, built from an interview row the caller already loaded. */
export async function interviewerGuide(
  prisma: PrismaClient,
  interview: { id: string; checkedKeyPoints: number[] },
  guide: TStoredGuide,
  interviewerId: string,
): Promise<TInterviewerGuide> {
  return {
    keyPoints: [...guide.keyPoints],
    followUps: [...guide.followUps],
    hints: [...guide.hints],
    l4Answer: guide.l4Answer,
    l5Answer: guide.l5Answer,
    checkedKeyPoints: [...interview.checkedKeyPoints],
    notes: await listNotes(prisma, interview.id, interviewerId),
  };
}

/** The state a tab resynchronises after a (re)connect (`{ interviewId }`), by the caller's stored role. */
export async function getGuideSync(ctx: TUseCaseContext, input: unknown): Promise<TResult<TGuideSync>> {
  const parsed = ZGuideRef.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId } = parsed.data;
  const member = await requireRole(ctx, interviewId);
  if (!member.ok) return member;
  const row = await loadGuideRow(ctx.db, interviewId);
  if (!row.ok) return row;
  const revealedHints = revealedHintsOf(row.data.guide.hints, row.data.revealedHints);
  if (member.data.role !== 'interviewer') return ok({ revealedHints, interviewer: null });
  return ok({
    revealedHints,
    interviewer: { checkedKeyPoints: row.data.checkedKeyPoints, notes: await listNotes(ctx.db, interviewId, ctx.userId) },
  });
}
