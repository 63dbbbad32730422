import type { PrismaClient } from '@/lib/generated/prisma/client';
import { userChannel } from '@/lib/protocol/guide';
import { interviewChannel } from '@/lib/protocol/room';
import { ok } from '@/lib/result';
import { checkKeyPoint } from '@/lib/use-cases/check-key-point';
import { useCaseContext } from '@/lib/use-cases/context';
import { deleteNote } from '@/lib/use-cases/delete-note';
import { getGuideSync } from '@/lib/use-cases/interviewer-guide';
import { revealHint } from '@/lib/use-cases/reveal-hint';
import { saveNote } from '@/lib/use-cases/save-note';
import { onInterviewCommand } from './handle';
import type { TRealtimeServer, TRealtimeSocket } from './types';

export type TGuideDeps = {
  prisma: PrismaClient;
  /** Server clock (epoch ms): stamps notes with interview time and the timeline. */
  now: () => number;
};

/**
 * Guide events of one socket: hint ladder, key-point checklist, private notes. The use cases
 * parse the payloads and check the caller's stored role; this file decides who hears about a
 * change, and only the revealed hints ever go to the interview's channel.
 */
export function attachGuideHandlers(io: TRealtimeServer, socket: TRealtimeSocket, deps: TGuideDeps): void {
  const userId = socket.data.user.id;
  const ctx = () => useCaseContext(deps.prisma, userId, deps.now());
  // The sender has its answer in the ack; its other tabs (and only those) hear about the change.
  const myOtherTabs = () => socket.to(userChannel(userId));

  onInterviewCommand(socket, 'guide:sync', (input) => getGuideSync(ctx(), input));

  onInterviewCommand(socket, 'hint:reveal', async (input, interviewId) => {
    const result = await revealHint(ctx(), input);
    if (!result.ok) return result;
    const { hints } = result.data;
    // The full revealed list (not just the new one) lets a tab that missed a broadcast catch up.
    if (result.data.changed) io.to(interviewChannel(interviewId)).emit('hint:revealed', { interviewId, hints });
    return ok({ hints });
  });

  onInterviewCommand(socket, 'guide:check', async (input, interviewId) => {
    const result = await checkKeyPoint(ctx(), input);
    if (result.ok) myOtherTabs().emit('guide:checked', { interviewId, checkedKeyPoints: result.data.checkedKeyPoints });
    return result;
  });

  onInterviewCommand(socket, 'note:save', async (input, interviewId) => {
    const result = await saveNote(ctx(), input);
    if (result.ok) myOtherTabs().emit('note:saved', { interviewId, note: result.data });
    return result;
  });

  onInterviewCommand(socket, 'note:delete', async (input, interviewId) => {
    const result = await deleteNote(ctx(), input);
    if (result.ok) myOtherTabs().emit('note:deleted', { interviewId, noteId: result.data.id });
    return result;
  });
}
