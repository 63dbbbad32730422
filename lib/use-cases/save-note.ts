import type { Prisma } from '@/lib/generated/prisma/client';
import { interviewTimeMs, MAX_NOTES_PER_INTERVIEW } from '@/lib/domain/guide';
import { ZNoteSave, type TNote } from '@/lib/protocol/guide';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { requireRole } from './access';
import type { TUseCaseContext } from './context';
import { guideForInterviewer, toNote } from './interviewer-guide';
import { appendTimelineEvent } from './timeline';

const NOTE_NOT_FOUND = 'This note does not exist any more.';

/**
 * Creates (no `id`) or rewrites (`id`) one of the interviewer's private notes:
 * `{ interviewId, id?, text }` (lib/protocol/guide.ts), parsed here once.
 */
export async function saveNote(ctx: TUseCaseContext, input: unknown): Promise<TResult<TNote>> {
  const parsed = ZNoteSave.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, id, text } = parsed.data;
  return id === undefined ? addNote(ctx, interviewId, text) : updateNote(ctx, interviewId, id, text);
}

/**
 * A new note, stamped with the interview time at which the interviewer started it (the server's
 * clock, never the browser's). Recorded on the timeline as `note` { noteId }: the replay shows a
 * marker; the text stays in the Note row, where only the interviewer can read it.
 */
async function addNote(ctx: TUseCaseContext, interviewId: string, text: string): Promise<TResult<TNote>> {
  const loaded = await guideForInterviewer(ctx, interviewId);
  if (!loaded.ok) return loaded;
  const count = await ctx.db.note.count({ where: { interviewId } });
  if (count >= MAX_NOTES_PER_INTERVIEW) return fail('too_large', `At most ${MAX_NOTES_PER_INTERVIEW} notes per interview.`);
  const now = new Date(ctx.now);
  const atMs = interviewTimeMs(loaded.data.startedAt, loaded.data.endedAt, now);
  const note = await ctx.db.$transaction(async (tx: Prisma.TransactionClient) => {
    const row = await tx.note.create({
      data: { interviewId, authorId: ctx.userId, atMs, text },
      select: { id: true, atMs: true, text: true, updatedAt: true },
    });
    await appendTimelineEvent(tx, { interviewId, at: now, actorId: ctx.userId }, { kind: 'note', payload: { noteId: row.id } });
    return row;
  });
  return ok(toNote(note));
}

/** Rewrites the text of a note; its interview-time stamp stays. Author (the interviewer) only. */
async function updateNote(ctx: TUseCaseContext, interviewId: string, noteId: string, text: string): Promise<TResult<TNote>> {
  const access = await requireRole(ctx, interviewId, 'interviewer', { isOpen: true });
  if (!access.ok) return access;
  // Scoped by interview and author: a note id from another interview is simply not found.
  const where = { id: noteId, interviewId, authorId: ctx.userId };
  const written = await ctx.db.note.updateMany({ where, data: { text } });
  if (written.count === 0) return fail('not_found', NOTE_NOT_FOUND);
  const row = await ctx.db.note.findFirst({ where, select: { id: true, atMs: true, text: true, updatedAt: true } });
  return row ? ok(toNote(row)) : fail('not_found', NOTE_NOT_FOUND);
}
