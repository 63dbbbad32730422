import type { TTimelineKind } from '@/lib/domain/timeline';
import { ZNoteDelete } from '@/lib/protocol/guide';
import { fromZodError, ok, type TResult } from '@/lib/result';
import { requireRole } from './access';
import type { TUseCaseContext } from './context';

/**
 * Deletes one of the interviewer's notes (`{ interviewId, id }`) and its timeline marker (a
 * deleted note leaves no trace in the replay). Idempotent: deleting a note that is already gone
 * answers ok.
 */
export async function deleteNote(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ id: string }>> {
  const parsed = ZNoteDelete.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, id } = parsed.data;
  const access = await requireRole(ctx, interviewId, 'interviewer', { isOpen: true });
  if (!access.ok) return access;
  await ctx.db.$transaction([
    ctx.db.note.deleteMany({ where: { id, interviewId, authorId: ctx.userId } }),
    ctx.db.timelineEvent.deleteMany({ where: { interviewId, kind: 'note' satisfies TTimelineKind, payload: { path: ['noteId'], equals: id } } }),
  ]);
  return ok({ id });
}
