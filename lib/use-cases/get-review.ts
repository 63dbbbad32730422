import type { Role } from '@/lib/generated/prisma/enums';
import { ZPromptCopy } from '@/lib/domain/interview';
import { ok, type TResult } from '@/lib/result';
import { parseTimelineRows, type TTimelineKind } from '@/lib/domain/timeline';
import { phaseDurations, type TPhaseDuration } from '@/lib/domain/phase-timer';
import { ZTimerState } from '@/lib/domain/phase-timer-schema';
import { notFound } from './access';
import type { TUseCaseContext } from './context';
import { getFeedback, type TFeedbackView } from './feedback';
import { toParticipants, type TRoomParticipant } from './get-room';
import { guideLocks } from './guide-locks';
import { getScorecards, type TScorecardView } from './submit-scorecard';
import type { TReviewNote, TReviewHint, TReviewGuide } from '@/lib/protocol/review';

export type { TReviewNote, TReviewHint, TReviewGuide } from '@/lib/protocol/review';

// The review of an ended interview, built on the server per stored role. Whatever the page or an
// export hands out starts from here, so the filtering lives in one place: the candidate never
// gets the guide, the unrevealed hints, unshared notes, or a scorecard before the blind release.
// With the release the candidate gets the guide too ("what a strong answer covered"): it is a
// reply to their own attempt, so it waits until they can no longer write their feedback in
// reaction to it, and it is built here rather than hidden by the page.

export type TReview = {
  interviewId: string;
  role: Role;
  title: string;
  statement: string;
  kind: 'concept' | 'design';
  topics: string[];
  level: 'L4' | 'L5';
  /** Epoch ms. */
  startedAt: number | null;
  endedAt: number;
  participants: TRoomParticipant[];
  /** Blind release (lib/domain/release.ts) at the time asked. */
  isReleased: boolean;
  /** The latest version: the interviewer's always, the candidate's only once released. */
  scorecard: TScorecardView | null;
  /** How many versions the interviewer submitted; 0 for the candidate before the release. */
  scorecardVersions: number;
  /** The candidate's feedback: their own, or for the interviewer once released. */
  feedback: TFeedbackView | null;
  revealedHints: TReviewHint[];
  phases: TPhaseDuration[];
  /** Interviewer: all of their notes; candidate: the shared ones only. Oldest interview time first. */
  notes: TReviewNote[];
  /**
   * The prompt's answer key with the key points ticked: the interviewer's always; the candidate's
   * once released, and not while they are the candidate of a scheduled or live interview on the
   * same prompt (the bank hides its guide from them then too).
   */
  guide: TReviewGuide | null;
  /** Candidate only: the answer key is released but held back for an upcoming interview on this prompt. */
  isGuideLocked: boolean;
  hasBoard: boolean;
};

const HINT_KIND = 'hint:revealed' satisfies TTimelineKind;

/**
 * The review of an ended interview for one of its participants at `ctx.now`; not found when
 * missing, not a participant, or not ended yet.
 */
export async function getReview(ctx: TUseCaseContext, { interviewId }: { interviewId: string }): Promise<TResult<TReview>> {
  const { db: prisma, userId } = ctx;
  const interview = await prisma.interview.findUnique({
    where: { id: interviewId },
    include: {
      participants: { include: { user: { select: { name: true, email: true } } } },
      boardState: { select: { clock: true } },
    },
  });
  const me = interview?.participants.find((p) => p.userId === userId);
  if (!interview || !me || interview.status !== 'ended' || !interview.endedAt) return notFound();
  const role = me.role;
  const isInterviewer = role === 'interviewer';
  const copy = ZPromptCopy.parse(interview.promptCopy);
  const startedAt = interview.startedAt?.getTime() ?? null;

  const [scorecards, feedback, hintEvents, notes] = await Promise.all([
    getScorecards(ctx, { interviewId }),
    getFeedback(ctx, { interviewId }),
    prisma.timelineEvent.findMany({ where: { interviewId, kind: HINT_KIND }, orderBy: { id: 'asc' }, select: { at: true, kind: true, payload: true } }),
    prisma.note.findMany({
      // The filter is in the query, not after it: an unshared note never leaves the database
      // when the candidate asks.
      where: isInterviewer ? { interviewId } : { interviewId, isShared: true },
      orderBy: [{ atMs: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, atMs: true, text: true, isShared: true },
    }),
  ]);

  const revealedAt = new Map<number, number>();
  for (const { at, event } of parseTimelineRows(hintEvents)) {
    if (event.kind !== HINT_KIND || revealedAt.has(event.payload.index)) continue;
    revealedAt.set(event.payload.index, at.getTime());
  }
  const revealedHints: TReviewHint[] = [];
  for (const index of interview.revealedHints) {
    const text = copy.guide.hints[index];
    if (text === undefined) continue;
    const at = revealedAt.get(index);
    revealedHints.push({ index, text, atMs: at !== undefined && startedAt !== null ? Math.max(0, at - startedAt) : null });
  }

  const timer = ZTimerState.safeParse(interview.state);
  const phases = timer.success ? phaseDurations(timer.data, interview.endedAt.getTime()) : [];
  const versions = scorecards.ok ? scorecards.data.versions : [];
  const read = feedback.ok ? feedback.data : null;
  const isReleased = read?.isReleased ?? false;
  const isGuideLocked = !isInterviewer && isReleased && interview.promptId !== null && (await guideLocks(prisma, userId)).has(interview.promptId);
  const showsGuide = isInterviewer || (isReleased && !isGuideLocked);

  return ok({
    interviewId: interview.id,
    role,
    title: copy.title,
    statement: copy.statement,
    kind: copy.kind,
    topics: copy.topics,
    level: interview.level,
    startedAt,
    endedAt: interview.endedAt.getTime(),
    participants: toParticipants(interview.participants),
    isReleased,
    scorecard: versions[0] ?? null,
    scorecardVersions: versions.length,
    feedback: read?.feedback ?? null,
    revealedHints,
    phases,
    notes,
    guide: showsGuide
      ? {
          keyPoints: copy.guide.keyPoints,
          followUps: copy.guide.followUps,
          hints: copy.guide.hints,
          l4Answer: copy.guide.l4Answer,
          l5Answer: copy.guide.l5Answer,
          checkedKeyPoints: interview.checkedKeyPoints,
        }
      : null,
    isGuideLocked,
    hasBoard: interview.boardState !== null,
  });
}
