import type { Role } from '@/lib/generated/prisma/enums';
import { paneTextOf } from '@/lib/domain/api-pane';
import { parseTimelineRows, type TTimelineKind } from '@/lib/domain/timeline';
import { ok, type TResult } from '@/lib/result';
import type { TUseCaseContext } from './context';
import { getReview, type TReview } from './get-review';
import { loadArchivedBoard } from './load-board';

// The whole session as one JSON document, for one viewer. It starts from getReview, so it holds
// back exactly what the review page holds back; the timeline is filtered the same way.

/** Bumped when the shape of the document changes, so scripts reading old files can tell. */
export const SESSION_EXPORT_VERSION = 1;

export type TExportEvent = {
  /** Epoch ms. */
  at: number;
  kind: string;
  actorId: string | null;
  data: Record<string, unknown>;
};

export type TSessionExport = {
  format: 'mockroom-session';
  version: typeof SESSION_EXPORT_VERSION;
  exportedAt: number;
  viewer: { userId: string; role: Role };
  interview: {
    id: string;
    level: 'L4' | 'L5';
    startedAt: number | null;
    endedAt: number;
    participants: TReview['participants'];
  };
  /** The prompt as copied into the interview; its guide as the review gives it (the candidate's once released). */
  prompt: { title: string; statement: string; kind: 'concept' | 'design'; topics: string[]; guide: TReview['guide'] };
  isReleased: boolean;
  scorecard: TReview['scorecard'];
  feedback: TReview['feedback'];
  revealedHints: TReview['revealedHints'];
  phases: TReview['phases'];
  notes: TReview['notes'];
  timeline: TExportEvent[];
  /** The final whiteboard document (tldraw snapshot) and its clock; null if nothing was drawn. */
  board: { clock: number; snapshot: unknown } | null;
  /** The "API and data" pane's final text (its Yjs updates live in the board snapshot); '' if nobody wrote in it. */
  apiPane: { text: string };
};

/**
 * Timeline kinds in the export. Board changes are left out (the final board is included whole,
 * and the change log is the replay's raw material, megabytes for a long session).
 */
const SHARED_KINDS: TTimelineKind[] = ['chat', 'timer', 'interview:started', 'interview:ended', 'hint:revealed', 'note'];

/** The session export for a participant of an ended interview at `ctx.now`; not found for anyone else. */
export async function exportSession(ctx: TUseCaseContext, { interviewId }: { interviewId: string }): Promise<TResult<TSessionExport>> {
  const reviewed = await getReview(ctx, { interviewId });
  if (!reviewed.ok) return reviewed;
  const review = reviewed.data;
  const { db: prisma, userId, now } = ctx;
  const isInterviewer = review.role === 'interviewer';
  // The moments of submission say something too, so the candidate sees them only after the release.
  const kinds: TTimelineKind[] = isInterviewer || review.isReleased ? [...SHARED_KINDS, 'scorecard:submitted'] : SHARED_KINDS;
  const [events, board] = await Promise.all([
    prisma.timelineEvent.findMany({
      where: { interviewId, kind: { in: kinds } },
      orderBy: { id: 'asc' },
      select: { at: true, kind: true, actorId: true, payload: true },
    }),
    loadArchivedBoard(prisma, interviewId),
  ]);

  // review.notes is already filtered per viewer; a note event whose note is not in it is dropped.
  const notesById = new Map(review.notes.map((note) => [note.id, note]));
  const hintsByIndex = new Map(review.revealedHints.map((hint) => [hint.index, hint]));
  const timeline: TExportEvent[] = [];
  // A row this server cannot read (an old or damaged payload) is left out.
  for (const { at, actorId, event } of parseTimelineRows(events)) {
    const base = { at: at.getTime(), kind: event.kind, actorId };
    if (event.kind === 'note') {
      const note = notesById.get(event.payload.noteId);
      if (note) timeline.push({ ...base, data: { noteId: note.id, atMs: note.atMs, text: note.text, isShared: note.isShared } });
      continue;
    }
    if (event.kind === 'hint:revealed') {
      const hint = hintsByIndex.get(event.payload.index);
      if (hint) timeline.push({ ...base, data: { index: hint.index, text: hint.text } });
      continue;
    }
    timeline.push({ ...base, data: event.payload });
  }

  return ok({
    format: 'mockroom-session',
    version: SESSION_EXPORT_VERSION,
    exportedAt: now,
    viewer: { userId, role: review.role },
    interview: {
      id: review.interviewId,
      level: review.level,
      startedAt: review.startedAt,
      endedAt: review.endedAt,
      participants: review.participants,
    },
    prompt: { title: review.title, statement: review.statement, kind: review.kind, topics: review.topics, guide: review.guide },
    isReleased: review.isReleased,
    scorecard: review.scorecard,
    feedback: review.feedback,
    revealedHints: review.revealedHints,
    phases: review.phases,
    notes: review.notes,
    timeline,
    board: board ? { clock: board.clock, snapshot: board.snapshot } : null,
    apiPane: { text: paneTextOf((board?.snapshot.documents ?? []).map((document) => document.state)) },
  });
}
