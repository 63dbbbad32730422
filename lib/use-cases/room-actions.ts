import type { PrismaClient } from '@/lib/generated/prisma/client';
import { RECORD_CLOSED_MESSAGE, type TInterviewStatus } from '@/lib/domain/interview';
import { parseTimelineEvent } from '@/lib/domain/timeline';
import { ZCallLinkSet, ZChatSend, ZInviteManage, ZRoomRef, type TChatMessage, type TRoomLive } from '@/lib/protocol/room';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { notFound, requireRole } from './access';
import type { TUseCaseContext } from './context';
import { currentRecording } from './recording';
import { newInviteToken } from './create-interview';
import { listParticipants } from './get-room';
import { getTimerState } from './timer';
import { appendTimelineEvent } from './timeline';

export type { TChatMessage } from '@/lib/protocol/room';

// The actions taken inside a live room, shared by socket handlers and routes. Each checks the
// caller's stored role; nothing is taken from the client but the input it validates.

/** A chat message (`{ interviewId, text }`) from a participant, while the record is open. */
export async function postChatMessage(ctx: TUseCaseContext, input: unknown): Promise<TResult<TChatMessage>> {
  const parsed = ZChatSend.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, text } = parsed.data;
  const member = await requireRole(ctx, interviewId, undefined, { isOpen: true });
  if (!member.ok) return member;
  const at = new Date(ctx.now);
  const event = await appendTimelineEvent(ctx.db, { interviewId, at, actorId: ctx.userId }, { kind: 'chat', payload: { text } });
  return ok({ id: String(event.id), at: event.at.getTime(), authorId: ctx.userId, text });
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

/**
 * What a socket joining the room (`{ interviewId }`) starts from; membership is checked at every
 * join, as the page's check may be minutes old.
 */
export async function joinRoom(
  ctx: TUseCaseContext,
  input: unknown,
  /**
   * Runs once the user is known to be a participant and before the room's state is read: the
   * transport subscribes to the interview's broadcasts here, so a change stored while the state
   * is read still reaches the joiner (subscribing after the read loses it).
   */
  admitted: () => Promise<void> | void = () => {},
): Promise<TResult<Omit<TRoomLive, 'online'>>> {
  const parsed = ZRoomRef.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId } = parsed.data;
  const member = await requireRole(ctx, interviewId);
  if (!member.ok) return member;
  await admitted();
  const interview = await ctx.db.interview.findUnique({ where: { id: interviewId }, select: { status: true, callLink: true, endedAt: true } });
  if (!interview) return notFound();
  const [participants, chat, timer, recording] = await Promise.all([
    listParticipants(ctx.db, interviewId),
    chatHistory(ctx.db, interviewId),
    getTimerState(ctx.db, interviewId),
    currentRecording(ctx.db, interviewId, interview),
  ]);
  return ok({ interviewId, status: interview.status, callLink: interview.callLink, participants, chat, timer, recording });
}

/** Sets or clears (`''`) the external call link: `{ interviewId, callLink }`, any participant. */
export async function setCallLink(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ callLink: string | null; status: TInterviewStatus }>> {
  const parsed = ZCallLinkSet.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId } = parsed.data;
  const member = await requireRole(ctx, interviewId);
  if (!member.ok) return member;
  const callLink = parsed.data.callLink === '' ? null : parsed.data.callLink;
  // Conditional on the status, so an "End interview" racing with this write wins.
  const written = await ctx.db.interview.updateMany({ where: { id: interviewId, status: { not: 'ended' } }, data: { callLink } });
  if (written.count === 0) return fail('conflict', RECORD_CLOSED_MESSAGE);
  return ok({ callLink, status: member.data.status });
}

// Start and end of the interview are timer commands: see applyTimerCommand in ./timer.ts.

/**
 * Issues a new invite token (the old link stops working) or revokes it:
 * `{ interviewId, action: 'regenerate' | 'revoke' }`. Interviewer only.
 */
export async function manageInvite(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ inviteToken: string | null }>> {
  const parsed = ZInviteManage.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, action } = parsed.data;
  // Revoking stays possible after the end (it only closes a door); a new link to a closed room is refused.
  const member = await requireRole(ctx, interviewId, 'interviewer', {
    forbidden: 'Only the interviewer can manage the invite link.',
    isOpen: action === 'regenerate',
  });
  if (!member.ok) return member;
  const inviteToken = action === 'regenerate' ? newInviteToken() : null;
  await ctx.db.interview.update({ where: { id: interviewId }, data: { inviteToken } });
  return ok({ inviteToken });
}
