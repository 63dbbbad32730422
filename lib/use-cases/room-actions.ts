import type { PrismaClient } from '@/lib/generated/prisma/client';
import { RECORD_CLOSED_MESSAGE, ZCallLink, ZChatText } from '@/lib/domain/interview';
import { parseTimelineEvent } from '@/lib/domain/timeline';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { newInviteToken } from './create-interview';
import { membershipOf, roleIn } from './membership';
import { appendTimelineEvent } from './timeline';

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
  const member = await membershipOf(prisma, interviewId, userId);
  if (!member) return fail('not_found', NOT_FOUND);
  if (member.status === 'ended') return fail('conflict', RECORD_CLOSED_MESSAGE);
  const event = await appendTimelineEvent(prisma, { interviewId, actorId: userId }, { kind: 'chat', payload: { text: parsed.data } });
  return ok({ id: String(event.id), at: event.at.getTime(), authorId: userId, text: parsed.data });
}

/**
 * The latest `perAuthor` messages of each author, oldest first. Per author, not overall: a flood
 * by one person must not push the other's messages out of the history.
 */
export async function chatHistory(prisma: PrismaClient, interviewId: string, perAuthor = 200): Promise<TChatMessage[]> {
  const rows = await prisma.$queryRaw<Array<{ id: bigint; at: Date; actorId: string | null; payload: unknown }>>`
    SELECT id, at, "actorId", payload FROM (
      SELECT id, at, "actorId", payload, row_number() OVER (PARTITION BY "actorId" ORDER BY id DESC) AS rank
      FROM "TimelineEvent" WHERE "interviewId" = ${interviewId} AND kind = 'chat'
    ) AS latest
    WHERE rank <= ${perAuthor}
    ORDER BY id`;
  const messages: TChatMessage[] = [];
  for (const row of rows) {
    const event = parseTimelineEvent({ kind: 'chat', payload: row.payload });
    if (event?.kind !== 'chat') continue;
    messages.push({ id: String(row.id), at: new Date(row.at).getTime(), authorId: row.actorId, text: event.payload.text });
  }
  return messages;
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
  // Conditional on the status, so an "End interview" racing with this write wins.
  const written = await prisma.interview.updateMany({ where: { id: interviewId, status: { not: 'ended' } }, data: { callLink } });
  if (written.count === 0) return fail('conflict', RECORD_CLOSED_MESSAGE);
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
  const member = await membershipOf(prisma, interviewId, userId);
  if (!member) return fail('not_found', NOT_FOUND);
  if (member.role !== 'interviewer') return fail('forbidden', 'Only the interviewer can manage the invite link.');
  // Revoking stays possible after the end (it only closes a door); a new link to a closed room is refused.
  if (action === 'regenerate' && member.status === 'ended') return fail('conflict', RECORD_CLOSED_MESSAGE);
  const inviteToken = action === 'regenerate' ? newInviteToken() : null;
  await prisma.interview.update({ where: { id: interviewId }, data: { inviteToken } });
  return ok({ inviteToken });
}
