import { z } from 'zod';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { TTimelineKind } from '@/lib/domain/timeline';
import { fromZodError, ok, type TResult } from '@/lib/result';
import { requireOpenInterviewer } from './interviewer-guide';
import { ZNoteId } from './save-note';

export const ZDeleteNoteInput = z.strictObject({ id: ZNoteId });

/**
 * Deletes one of the interviewer's notes and its timeline marker (a deleted note leaves no
 * trace in the replay). Idempotent: deleting a note that is already gone answers ok.
 */
export async function deleteNote(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  input: unknown,
): Promise<TResult<{ id: string }>> {
  const parsed = ZDeleteNoteInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { id } = parsed.data;
  const access = await requireOpenInterviewer(prisma, userId, interviewId);
  if (!access.ok) return access;
  await prisma.$transaction([
    prisma.note.deleteMany({ where: { id, interviewId, authorId: userId } }),
    prisma.timelineEvent.deleteMany({ where: { interviewId, kind: 'note' satisfies TTimelineKind, payload: { path: ['noteId'], equals: id } } }),
  ]);
  return ok({ id });
}
