import { z } from 'zod';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { roleIn } from './membership';
import { ZNoteId } from './save-note';

/** With a noteId, that note is shared or unshared; without one, every note of the interview is. */
export const ZShareNotesInput = z.strictObject({ noteId: ZNoteId.optional(), isShared: z.boolean() });
export type TShareNotesInput = z.infer<typeof ZShareNotesInput>;

export type TNoteSharing = { id: string; isShared: boolean };

/**
 * Shares the interviewer's notes with the candidate (or takes them back), one note or all.
 * Interviewer only; answers every note's sharing state afterwards.
 */
export async function shareNotes(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  input: unknown,
): Promise<TResult<{ notes: TNoteSharing[] }>> {
  const role = await roleIn(prisma, interviewId, userId);
  if (!role) return fail('not_found', 'Interview not found.');
  if (role !== 'interviewer') return fail('forbidden', 'Only the interviewer can share notes.');
  const parsed = ZShareNotesInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { noteId, isShared } = parsed.data;

  // Scoped to the interview and its author, so a note id from another interview changes nothing.
  const where = { interviewId, authorId: userId, ...(noteId === undefined ? {} : { id: noteId }) };
  const updated = await prisma.note.updateMany({ where, data: { isShared } });
  if (noteId !== undefined && updated.count === 0) return fail('not_found', 'This note does not exist any more.');

  const notes = await prisma.note.findMany({ where: { interviewId, authorId: userId }, orderBy: { atMs: 'asc' }, select: { id: true, isShared: true } });
  return ok({ notes });
}
