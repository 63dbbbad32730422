import { ZNotesShare, type TNoteSharing } from '@/lib/protocol/interview-api';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { requireRole } from './access';
import type { TUseCaseContext } from './context';

/**
 * Shares the interviewer's notes with the candidate (or takes them back), one note or all:
 * `{ interviewId, noteId?, isShared }`. Interviewer only; answers every note's sharing state
 * afterwards.
 */
export async function shareNotes(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ notes: TNoteSharing[] }>> {
  const parsed = ZNotesShare.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, noteId, isShared } = parsed.data;
  const access = await requireRole(ctx, interviewId, 'interviewer', { forbidden: 'Only the interviewer can share notes.' });
  if (!access.ok) return access;

  // Scoped to the interview and its author, so a note id from another interview changes nothing.
  const where = { interviewId, authorId: ctx.userId, ...(noteId === undefined ? {} : { id: noteId }) };
  const updated = await ctx.db.note.updateMany({ where, data: { isShared } });
  if (noteId !== undefined && updated.count === 0) return fail('not_found', 'This note does not exist any more.');

  const notes = await ctx.db.note.findMany({ where: { interviewId, authorId: ctx.userId }, orderBy: { atMs: 'asc' }, select: { id: true, isShared: true } });
  return ok({ notes });
}
