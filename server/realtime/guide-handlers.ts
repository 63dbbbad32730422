import type { PrismaClient } from '@/lib/generated/prisma/client';
import { userChannel, ZGuideCheck, ZGuideRef, ZHintReveal, ZNoteDelete, ZNoteSave } from '@/lib/protocol/guide';
import { interviewChannel } from '@/lib/protocol/room';
import { ok } from '@/lib/result';
import { checkKeyPoint } from '@/lib/use-cases/check-key-point';
import { deleteNote } from '@/lib/use-cases/delete-note';
import { getGuideSync } from '@/lib/use-cases/interviewer-guide';
import { revealHint } from '@/lib/use-cases/reveal-hint';
import { saveNote } from '@/lib/use-cases/save-note';
import { onCommand } from './handle';
import type { TRealtimeServer, TRealtimeSocket } from './types';

export type TGuideDeps = {
  prisma: PrismaClient;
  /** Server clock (epoch ms): stamps notes with interview time and the timeline. */
  now: () => number;
};

/**
 * Guide events of one socket: hint ladder, key-point checklist, private notes. The use cases
 * check the caller's stored role; this file decides who hears about a change, and only the
 * revealed hints ever go to the interview's channel.
 */
export function attachGuideHandlers(io: TRealtimeServer, socket: TRealtimeSocket, deps: TGuideDeps): void {
  const { prisma } = deps;
  const userId = socket.data.user.id;
  // The sender has its answer in the ack; its other tabs (and only those) hear about the change.
  const myOtherTabs = () => socket.to(userChannel(userId));

  onCommand(socket, 'guide:sync', ZGuideRef, ({ interviewId }) => getGuideSync(prisma, userId, interviewId));

  onCommand(socket, 'hint:reveal', ZHintReveal, async ({ interviewId, ...input }) => {
    const result = await revealHint(prisma, userId, interviewId, input, new Date(deps.now()));
    if (!result.ok) return result;
    const { hints } = result.data;
    // The full revealed list (not just the new one) lets a tab that missed a broadcast catch up.
    if (result.data.changed) io.to(interviewChannel(interviewId)).emit('hint:revealed', { interviewId, hints });
    return ok({ hints });
  });

  onCommand(socket, 'guide:check', ZGuideCheck, async ({ interviewId, ...input }) => {
    const result = await checkKeyPoint(prisma, userId, interviewId, input);
    if (result.ok) myOtherTabs().emit('guide:checked', { interviewId, checkedKeyPoints: result.data.checkedKeyPoints });
    return result;
  });

  onCommand(socket, 'note:save', ZNoteSave, async ({ interviewId, ...input }) => {
    const result = await saveNote(prisma, userId, interviewId, input, new Date(deps.now()));
    if (result.ok) myOtherTabs().emit('note:saved', { interviewId, note: result.data });
    return result;
  });

  onCommand(socket, 'note:delete', ZNoteDelete, async ({ interviewId, ...input }) => {
    const result = await deleteNote(prisma, userId, interviewId, input);
    if (result.ok) myOtherTabs().emit('note:deleted', { interviewId, noteId: result.data.id });
    return result;
  });
}
