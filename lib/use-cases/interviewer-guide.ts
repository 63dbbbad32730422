import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { revealedHintsOf, type TRevealedHint } from '@/lib/domain/guide';
import { RECORD_CLOSED_MESSAGE, ZPromptCopy } from '@/lib/domain/interview';
import type { TStoredGuide } from '@/lib/domain/prompt';
import { fail, ok, type TResult } from '@/lib/result';
import { membershipOf, roleIn } from './membership';

// What the guide panels read, and the access rule every guide action shares. The guide (key
// points, follow-ups, the hint ladder, the L4/L5 answers) and the notes are the interviewer's
// alone; only the text of the hints they revealed is for both.

export const NOT_FOUND = 'Interview not found.';
const INTERVIEWER_ONLY = 'Only the interviewer can do that.';

/** One private note; `atMs` is interview time (ms since the start). */
export type TNote = { id: string; atMs: number; text: string; updatedAt: number };

/** The interviewer's panels. Never built for the candidate. */
export type TInterviewerGuide = {
  keyPoints: string[];
  followUps: string[];
  /** The whole hint ladder, gentlest first. */
  hints: string[];
  l4Answer: string;
  l5Answer: string;
  checkedKeyPoints: number[];
  notes: TNote[];
};

/** What a tab asks for after (re)connecting: the interviewer part is null for the candidate. */
export type TGuideSync = {
  revealedHints: TRevealedHint[];
  interviewer: { checkedKeyPoints: number[]; notes: TNote[] } | null;
};

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

/** The caller's stored role: not_found for a non-participant (the same answer as a missing interview). */
async function participantRole(prisma: PrismaClient, userId: string, interviewId: string): Promise<TResult<Role>> {
  const role = await roleIn(prisma, interviewId, userId);
  return role ? ok(role) : fail('not_found', NOT_FOUND);
}

/**
 * Passes for the interview's interviewer (the role read from the database) while the interview
 * has not ended: what every write to the guide or the notes needs.
 */
export async function requireOpenInterviewer(prisma: PrismaClient, userId: string, interviewId: string): Promise<TResult<null>> {
  const member = await membershipOf(prisma, interviewId, userId);
  if (!member) return fail('not_found', NOT_FOUND);
  if (member.role !== 'interviewer') return fail('forbidden', INTERVIEWER_ONLY);
  return member.status === 'ended' ? fail('conflict', RECORD_CLOSED_MESSAGE) : ok(null);
}

async function loadGuideRow(prisma: PrismaClient, interviewId: string): Promise<TResult<TGuideRow>> {
  const row = await prisma.interview.findUnique({ where: { id: interviewId }, select: GUIDE_COLUMNS });
  if (!row) return fail('not_found', NOT_FOUND);
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
export async function guideForInterviewer(prisma: PrismaClient, userId: string, interviewId: string): Promise<TResult<TGuideRow>> {
  const access = await requireOpenInterviewer(prisma, userId, interviewId);
  if (!access.ok) return access;
  return loadGuideRow(prisma, interviewId);
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

/** The state a tab resynchronises after a (re)connect, by the caller's stored role. */
export async function getGuideSync(prisma: PrismaClient, userId: string, interviewId: string): Promise<TResult<TGuideSync>> {
  const role = await participantRole(prisma, userId, interviewId);
  if (!role.ok) return role;
  const row = await loadGuideRow(prisma, interviewId);
  if (!row.ok) return row;
  const revealedHints = revealedHintsOf(row.data.guide.hints, row.data.revealedHints);
  if (role.data !== 'interviewer') return ok({ revealedHints, interviewer: null });
  return ok({
    revealedHints,
    interviewer: { checkedKeyPoints: row.data.checkedKeyPoints, notes: await listNotes(prisma, interviewId, userId) },
  });
}
