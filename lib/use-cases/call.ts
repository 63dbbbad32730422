import { createHmac } from 'node:crypto';
import type { Role } from '@/lib/generated/prisma/enums';
import type { TCallJoined, TIceServer } from '@/lib/protocol/call';
import { ok, type TResult } from '@/lib/result';
import { ANY_ROLE, requireRole } from './access';
import type { TUseCaseContext } from './context';

/** ICE servers as configured (lib/env.ts): STUN as is, TURN with credentials minted per user. */
export type TIceConfig = {
  stunUrls: readonly string[];
  turnUrls: readonly string[];
  turnSecret: string | undefined;
  turnTtlSeconds: number;
  iceTransportPolicy: 'all' | 'relay';
};

export const NO_ICE_SERVERS: TIceConfig = { stunUrls: [], turnUrls: [], turnSecret: undefined, turnTtlSeconds: 3600, iceTransportPolicy: 'all' };

/**
 * A TURN credential in coturn's `use-auth-secret` scheme (the TURN REST API draft): the username
 * is `<expiry epoch seconds>:<user id>`, the password base64(HMAC-SHA1(secret, username)). coturn
 * recomputes it from its `static-auth-secret` and refuses it once the expiry has passed, so a
 * credential copied out of a browser stops working on its own.
 */
export function mintTurnCredential(secret: string, userId: string, nowMs: number, ttlSeconds: number): { username: string; credential: string; expiresAt: number } {
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiresAt}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt };
}

/** The ICE servers one user gets now: nothing configured, nothing sent (two local browsers need none). */
export function iceServersFor(config: TIceConfig, userId: string, nowMs: number): { iceServers: TIceServer[]; ttlSeconds: number | null } {
  const iceServers: TIceServer[] = [];
  if (config.stunUrls.length > 0) iceServers.push({ urls: [...config.stunUrls] });
  if (config.turnUrls.length === 0 || !config.turnSecret) return { iceServers, ttlSeconds: null };
  const { username, credential } = mintTurnCredential(config.turnSecret, userId, nowMs, config.turnTtlSeconds);
  iceServers.push({ urls: [...config.turnUrls], username, credential });
  return { iceServers, ttlSeconds: config.turnTtlSeconds };
}

/**
 * Who may talk in an interview's call: its participants, until it ends. Returns the caller's role
 * and the other participant (null while the candidate's seat is empty).
 */
export async function callAccess(ctx: TUseCaseContext, { interviewId }: { interviewId: string }): Promise<TResult<{ role: Role; peerUserId: string | null }>> {
  const member = await requireRole(ctx, interviewId, ANY_ROLE, { isOpen: true });
  if (!member.ok) return member;
  const peer = await ctx.db.participant.findFirst({ where: { interviewId, userId: { not: ctx.userId } }, select: { userId: true } });
  return ok({ role: member.data.role, peerUserId: peer?.userId ?? null });
}

/** Joining the call: the ICE servers (TURN credentials for participants only) and the negotiation role. */
export async function joinCall(ctx: TUseCaseContext, input: { interviewId: string }, ice: TIceConfig): Promise<TResult<TCallJoined>> {
  const access = await callAccess(ctx, input);
  if (!access.ok) return access;
  const { iceServers, ttlSeconds } = iceServersFor(ice, ctx.userId, ctx.now);
  // Perfect negotiation needs exactly one polite side; the stored role decides, never the client.
  return ok({ iceServers, iceServersTtlSeconds: ttlSeconds, iceTransportPolicy: ice.iceTransportPolicy, isPolite: access.data.role === 'candidate', peerUserId: access.data.peerUserId });
}
