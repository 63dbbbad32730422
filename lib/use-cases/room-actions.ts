import type { PrismaClient } from '@/lib/generated/prisma/client';
import { ZCallLink, ZChatText } from '@/lib/domain/interview';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { newInviteToken } from './create-interview';
import { roleIn } from './membership';

// The actions taken inside a live room, shared by socket handlers and routes. Each checks the
// caller's stored role; nothing is taken from the client but the input it validates.

const NOT_FOUND = 'Interview not found.';

export type TChatMessage = { id: string; at: number; authorId: string | null; text: string };

export async function postChatMessage(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  text: unknown,
): Promise<TResult<TChatMessage>> {
  const parsed = ZChatText.safeParse(text);
  if (!parsed.success) return fromZodError(parsed.error);
  if (!(await roleIn(prisma, interviewId, userId))) return fail('not_found', NOT_FOUND);
  const event = await prisma.timelineEvent.create({
    data: { interviewId, kind: 'chat', payload: { text: parsed.data }, actorId: userId },
    select: { id: true, at: true },
  });
  return ok({ id: String(event.id), at: event.at.getTime(), authorId: userId, text: parsed.data });
}

export async function chatHistory(prisma: PrismaClient, interviewId: string, limit = 200): Promise<TChatMessage[]> {
  const rows = await prisma.timelineEvent.findMany({
    where: { interviewId, kind: 'chat' },
    orderBy: { id: 'desc' },
    take: limit,
    select: { id: true, at: true, actorId: true, payload: true },
  });
  return rows.reverse().map((row) => ({
    id: String(row.id),
    at: row.at.getTime(),
    authorId: row.actorId,
    text: String((row.payload as { text?: unknown }).text ?? ''),
  }));
}

export async function setCallLink(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  link: unknown,
): Promise<TResult<{ callLink: string | null }>> {
  const parsed = ZCallLink.safeParse(link);
  if (!parsed.success) return fromZodError(parsed.error);
  if (!(await roleIn(prisma, interviewId, userId))) return fail('not_found', NOT_FOUND);
  const callLink = parsed.data === '' ? null : parsed.data;
  await prisma.interview.update({ where: { id: interviewId }, data: { callLink } });
  return ok({ callLink });
}

// Start and end of the interview are timer commands: see applyTimerCommand in ./timer.ts.

/** Issues a new invite token (the old link stops working) or revokes it. Interviewer only. */
export async function manageInvite(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  action: 'regenerate' | 'revoke',
): Promise<TResult<{ inviteToken: string | null }>> {
  const role = await roleIn(prisma, interviewId, userId);
  if (!role) return fail('not_found', NOT_FOUND);
  if (role !== 'interviewer') return fail('forbidden', 'Only the interviewer can manage the invite link.');
  const inviteToken = action === 'regenerate' ? newInviteToken() : null;
  await prisma.interview.update({ where: { id: interviewId }, data: { inviteToken } });
  return ok({ inviteToken });
}
