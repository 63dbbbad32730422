import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { ZPromptCopy } from '@/lib/domain/interview';
import { revealedHintsOf } from '@/lib/domain/guide';
import { ok, type TResult } from '@/lib/result';
import { notFound } from './access';
import type { TUseCaseContext } from './context';
import { interviewerGuide } from './interviewer-guide';
import { chatHistory } from './room-actions';
import type { TRoomParticipant, TRoomView } from '@/lib/protocol/room';

export type { TRoomParticipant, TRoomView } from '@/lib/protocol/room';

/** The room of an interview for one of its participants; not found for anyone else. */
export async function getRoom(ctx: TUseCaseContext, { interviewId }: { interviewId: string }): Promise<TResult<TRoomView>> {
  const { db: prisma, userId } = ctx;
  const interview = await prisma.interview.findUnique({
    where: { id: interviewId },
    include: { participants: { include: { user: { select: { name: true, email: true } } } } },
  });
  const me = interview?.participants.find((p) => p.userId === userId);
  if (!interview || !me) return notFound();
  const copy = ZPromptCopy.parse(interview.promptCopy);
  return ok({
    interviewId: interview.id,
    title: copy.title,
    statement: copy.statement,
    kind: copy.kind,
    level: interview.level,
    status: interview.status,
    durationMinutes: interview.durationMinutes,
    scheduledAt: interview.scheduledAt?.getTime() ?? null,
    startedAt: interview.startedAt?.getTime() ?? null,
    endedAt: interview.endedAt?.getTime() ?? null,
    callLink: interview.callLink,
    me: { userId, role: me.role },
    participants: toParticipants(interview.participants),
    chat: await chatHistory(prisma, interview.id),
    inviteToken: me.role === 'interviewer' ? interview.inviteToken : null,
    revealedHints: revealedHintsOf(copy.guide.hints, interview.revealedHints),
    guide: me.role === 'interviewer' ? await interviewerGuide(prisma, interview, copy.guide, userId) : null,
    swap: interview.swapGroupId && interview.swapHalf
      ? {
          half: interview.swapHalf,
          otherHalfId:
            (await prisma.interview.findFirst({ where: { swapGroupId: interview.swapGroupId, id: { not: interview.id } }, select: { id: true } }))?.id ?? null,
        }
      : null,
  });
}

export function toParticipants(
  rows: Array<{ userId: string; role: Role; user: { name: string | null; email: string } }>,
): TRoomParticipant[] {
  return rows
    .map((p) => ({ userId: p.userId, role: p.role, name: p.user.name ?? p.user.email }))
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'interviewer' ? -1 : 1));
}

export async function listParticipants(prisma: PrismaClient, interviewId: string): Promise<TRoomParticipant[]> {
  const rows = await prisma.participant.findMany({
    where: { interviewId },
    include: { user: { select: { name: true, email: true } } },
  });
  return toParticipants(rows);
}
