// The practice lobby: enter, leave, confirm a match, and the sweep that pairs people and expires
// matches nobody confirmed. Every place in the queue is a database row, so a restart loses
// nobody; pairing claims waiting rows with FOR UPDATE SKIP LOCKED, so two processes sharing one
// database never pair one person twice. Each action returns the users whose lobby changed, for
// the caller to nudge over their sockets.
import { z } from 'zod';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import {
  CONFIRM_SECONDS,
  estimateWaitSeconds,
  isCompatible,
  NO_SHOW_WINDOW_MS,
  noShowPenaltyMs,
  pairKey,
  planMatches,
  ZEnterLobbyInput,
  type TEnterLobbyInput,
  type TLobbyEntry,
} from '@/lib/domain/matching';
import { ZId, ZText } from '@/lib/domain/text-schema';
import type { TLobbyNotice, TLobbyView } from '@/lib/protocol/lobby';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { notFound } from './access';
import type { TUseCaseContext } from './context';
import { createPairedInterviews } from './paired-interviews';

export type TLobbyContext = TUseCaseContext;

/** What an action did: the caller's view, and everyone whose lobby changed (to nudge). */
export type TLobbyOutcome = { view: TLobbyView; changed: string[] };

/** A notice about a match that expired this long ago is still shown. */
const NOTICE_MS = 10 * 60 * 1000;
/** A confirmed match leads to its room for this long (a reload of the lobby page goes there). */
const STARTED_MS = 10 * 60 * 1000;
/** At most this many waiting entries are considered in one pairing pass. */
const MATCH_BATCH = 2000;

type TEntryRow = {
  id: string;
  userId: string;
  role: TLobbyEntry['role'];
  level: TLobbyEntry['level'];
  topics: string[];
  durationMinutes: number;
  priorityAt: Date;
  enteredAt: Date;
};

const toEntry = (row: TEntryRow): TLobbyEntry => ({ ...row, priorityAt: row.priorityAt.getTime() });

async function recentNoShows(db: PrismaClient, userId: string, now: Date): Promise<number> {
  return db.noShow.count({ where: { userId, at: { gt: new Date(now.getTime() - NO_SHOW_WINDOW_MS) } } });
}

/** Pairs whoever can be paired now. Returns the users who were matched. */
export async function pairWaiting(db: PrismaClient, now: Date): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "LobbyEntry" WHERE status = 'waiting'
      ORDER BY "priorityAt" ASC, id ASC LIMIT ${MATCH_BATCH} FOR UPDATE SKIP LOCKED`;
    if (locked.length < 2) return [];
    const rows = await tx.lobbyEntry.findMany({ where: { id: { in: locked.map((row) => row.id) }, status: 'waiting' } });
    const userIds = rows.map((row) => row.userId);
    const blocks = await tx.block.findMany({
      where: { OR: [{ blockerId: { in: userIds } }, { blockedId: { in: userIds } }] },
      select: { blockerId: true, blockedId: true },
    });
    const blocked = new Set(blocks.map((b) => pairKey(b.blockerId, b.blockedId)));
    const pairings = planMatches(rows.map(toEntry), blocked);
    const matched: string[] = [];
    for (const { interviewer, candidate } of pairings) {
      const match = await tx.lobbyMatch.create({
        data: {
          interviewerId: interviewer.userId,
          candidateId: candidate.userId,
          interviewerEntryId: interviewer.id,
          candidateEntryId: candidate.id,
          level: candidate.level,
          topics: sharedTopics(interviewer.topics, candidate.topics),
          durationMinutes: candidate.durationMinutes,
          isSwap: candidate.role === 'swap',
          createdAt: now,
          expiresAt: new Date(now.getTime() + CONFIRM_SECONDS * 1000),
        },
        select: { id: true },
      });
      await tx.lobbyEntry.updateMany({
        where: { id: { in: [interviewer.id, candidate.id] }, status: 'waiting' },
        data: { status: 'matched', matchId: match.id },
      });
      matched.push(interviewer.userId, candidate.userId);
    }
    return matched;
  });
}

/** The topics the interview should be about: those both named, else whichever one side named. */
function sharedTopics(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  return a.filter((topic) => b.includes(topic));
}

/**
 * Expires matches nobody confirmed in time: whoever confirmed goes back to the queue at their old
 * place; whoever did not is recorded as a no-show and leaves the queue. Returns the users affected.
 */
export async function expireMatches(db: PrismaClient, now: Date): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "LobbyMatch" WHERE status = 'pending' AND "expiresAt" <= ${now}
      ORDER BY "expiresAt" ASC LIMIT 500 FOR UPDATE SKIP LOCKED`;
    const affected: string[] = [];
    for (const { id } of due) {
      const match = await tx.lobbyMatch.update({ where: { id }, data: { status: 'expired' } });
      const sides = [
        { userId: match.interviewerId, entryId: match.interviewerEntryId, readyAt: match.interviewerReadyAt },
        { userId: match.candidateId, entryId: match.candidateEntryId, readyAt: match.candidateReadyAt },
      ];
      for (const side of sides) {
        if (side.readyAt) {
          await tx.lobbyEntry.updateMany({ where: { id: side.entryId, matchId: id }, data: { status: 'waiting', matchId: null } });
        } else {
          await tx.lobbyEntry.updateMany({ where: { id: side.entryId, matchId: id }, data: { status: 'left', leftAt: now } });
          await tx.noShow.create({ data: { userId: side.userId, matchId: id, at: now } });
        }
        affected.push(side.userId);
      }
    }
    return affected;
  });
}

/** One sweep: expire what is due, then pair who can be paired. Run every few seconds by the server. */
export async function sweepLobby(db: PrismaClient, now: Date): Promise<string[]> {
  const expired = await expireMatches(db, now);
  const matched = await pairWaiting(db, now);
  return [...new Set([...expired, ...matched])];
}

/** "Find a partner": a place in the queue (the current one if already there), then a pairing pass. */
export async function enterLobby(ctx: TLobbyContext, input: unknown): Promise<TResult<TLobbyOutcome>> {
  const parsed = ZEnterLobbyInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { db, userId } = ctx;
  const now = new Date(ctx.now);
  const current = await db.lobbyEntry.findFirst({ where: { userId, status: { in: ['waiting', 'matched'] } }, select: { id: true } });
  if (!current) {
    const penalty = noShowPenaltyMs(await recentNoShows(db, userId, now));
    try {
      await db.lobbyEntry.create({
        data: { userId, ...parsed.data, enteredAt: now, priorityAt: new Date(now.getTime() + penalty) },
      });
    } catch (error) {
      // Two entries at once (two tabs): the one-waiting-entry index kept one; that is the place.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const matched = await pairWaiting(db, now);
  return ok({ view: await lobbyView(ctx), changed: matched.filter((id) => id !== userId) });
}

/**
 * Leaves the queue. Leaving while matched gives the match up: the partner keeps their place and
 * the one who left counts as a no-show.
 */
export async function leaveLobby(ctx: TLobbyContext): Promise<TResult<TLobbyOutcome>> {
  const { db, userId } = ctx;
  const now = new Date(ctx.now);
  const changed = await db.$transaction(async (tx) => {
    const entry = await tx.lobbyEntry.findFirst({ where: { userId, status: { in: ['waiting', 'matched'] } } });
    if (!entry) return [];
    if (entry.status === 'waiting' || !entry.matchId) {
      await tx.lobbyEntry.updateMany({ where: { id: entry.id, status: 'waiting' }, data: { status: 'left', leftAt: now } });
      return [];
    }
    const [match] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "LobbyMatch" WHERE id = ${entry.matchId} AND status = 'pending' FOR UPDATE`;
    if (!match) return [];
    const row = await tx.lobbyMatch.update({ where: { id: match.id }, data: { status: 'expired' } });
    const partner = row.interviewerId === userId ? { userId: row.candidateId, entryId: row.candidateEntryId } : { userId: row.interviewerId, entryId: row.interviewerEntryId };
    await tx.lobbyEntry.updateMany({ where: { id: partner.entryId, matchId: match.id }, data: { status: 'waiting', matchId: null } });
    await tx.lobbyEntry.updateMany({ where: { id: entry.id }, data: { status: 'left', leftAt: now } });
    await tx.noShow.create({ data: { userId, matchId: match.id, at: now } });
    return [partner.userId];
  });
  const matched = changed.length > 0 ? await pairWaiting(db, now) : [];
  return ok({ view: await lobbyView(ctx), changed: [...new Set([...changed, ...matched])] });
}

const ZConfirmInput = z.strictObject({ matchId: ZId });

/**
 * "I'm ready". When both are, the interview is created (roles set, a prompt for the level and
 * topics that the candidate has not had) and both are sent to it.
 */
export async function confirmMatch(ctx: TLobbyContext, input: unknown): Promise<TResult<TLobbyOutcome>> {
  const parsed = ZConfirmInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { db, userId } = ctx;
  const now = new Date(ctx.now);
  const step = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "LobbyMatch" WHERE id = ${parsed.data.matchId} FOR UPDATE`;
    const match = row ? await tx.lobbyMatch.findUnique({ where: { id: row.id } }) : null;
    if (!match || (match.interviewerId !== userId && match.candidateId !== userId)) return fail('not_found', 'This match is not yours, or no longer exists.');
    if (match.status === 'expired' || (match.status === 'pending' && match.expiresAt <= now)) {
      return fail('conflict', 'This match has expired.');
    }
    if (match.status === 'confirmed') return ok({ create: null, partnerId: null });
    const side = match.interviewerId === userId ? 'interviewerReadyAt' : 'candidateReadyAt';
    const partnerId = match.interviewerId === userId ? match.candidateId : match.interviewerId;
    const isPartnerReady = side === 'interviewerReadyAt' ? match.candidateReadyAt !== null : match.interviewerReadyAt !== null;
    // The one whose "ready" completes the pair claims the creation of the interview, under the lock.
    await tx.lobbyMatch.update({ where: { id: match.id }, data: { [side]: match[side] ?? now, ...(isPartnerReady ? { status: 'confirmed' } : {}) } });
    return ok({ create: isPartnerReady ? match : null, partnerId });
  });
  if (!step.ok) return step;
  const { create, partnerId } = step.data;
  if (create) {
    const started = await startMatchedInterview(db, create, now);
    if (!started.ok) return started;
  }
  return ok({ view: await lobbyView(ctx), changed: partnerId ? [partnerId] : [] });
}

type TMatchRow = {
  id: string;
  interviewerId: string;
  candidateId: string;
  interviewerEntryId: string;
  candidateEntryId: string;
  level: 'L4' | 'L5';
  topics: string[];
  durationMinutes: number;
  isSwap: boolean;
};

async function startMatchedInterview(db: PrismaClient, match: TMatchRow, now: Date): Promise<TResult<{ interviewId: string }>> {
  const created = await createPairedInterviews({ db, now: now.getTime() }, { ...match, groupId: match.id, scheduledAt: null });
  if (!created.ok) return created;
  const interviewId = created.data.interviewIds[0]!;
  await db.$transaction([
    db.lobbyMatch.update({ where: { id: match.id }, data: { interviewId } }),
    db.lobbyEntry.updateMany({ where: { id: { in: [match.interviewerEntryId, match.candidateEntryId] } }, data: { status: 'left', leftAt: now } }),
  ]);
  return ok({ interviewId });
}

/** What the settings page tells a person about their own standing in the lobby. */
export async function lobbyStanding(ctx: TLobbyContext): Promise<{ noShows: TLobbyView['noShows']; blockedCount: number }> {
  const now = new Date(ctx.now);
  const [recent, blockedCount] = await Promise.all([recentNoShows(ctx.db, ctx.userId, now), ctx.db.block.count({ where: { blockerId: ctx.userId } })]);
  return { noShows: { recent, penaltyMinutes: Math.round(noShowPenaltyMs(recent) / 60_000) }, blockedCount };
}

/** What the lobby page shows this user now. */
export async function lobbyView(ctx: TLobbyContext): Promise<TLobbyView> {
  const { db, userId } = ctx;
  const now = new Date(ctx.now);
  const recent = await recentNoShows(db, userId, now);
  const noShows = { recent, penaltyMinutes: Math.round(noShowPenaltyMs(recent) / 60_000) };
  const [entry, lastMatch] = await Promise.all([
    db.lobbyEntry.findFirst({ where: { userId, status: { in: ['waiting', 'matched'] } } }),
    db.lobbyMatch.findFirst({
      where: { OR: [{ interviewerId: userId }, { candidateId: userId }] },
      orderBy: { createdAt: 'desc' },
    }),
  ]);
  const notice = await noticeOf(db, lastMatch, userId, now);

  if (entry?.status === 'matched' && lastMatch && entry.matchId === lastMatch.id) {
    const isInterviewer = lastMatch.interviewerId === userId;
    const partner = await db.user.findUnique({ where: { id: isInterviewer ? lastMatch.candidateId : lastMatch.interviewerId }, select: { name: true } });
    return {
      state: 'matched',
      noShows,
      notice: null,
      matchId: lastMatch.id,
      role: isInterviewer ? 'interviewer' : 'candidate',
      partnerName: partner?.name?.trim() || null,
      level: lastMatch.level,
      durationMinutes: lastMatch.durationMinutes,
      isSwap: lastMatch.isSwap,
      expiresAt: lastMatch.expiresAt.getTime(),
      isReady: (isInterviewer ? lastMatch.interviewerReadyAt : lastMatch.candidateReadyAt) !== null,
      isPartnerReady: (isInterviewer ? lastMatch.candidateReadyAt : lastMatch.interviewerReadyAt) !== null,
    };
  }
  if (entry?.status === 'waiting') {
    const others = await db.lobbyEntry.findMany({
      where: { status: 'waiting', level: entry.level, durationMinutes: entry.durationMinutes, userId: { not: userId } },
      take: 500,
    });
    const blocks = await db.block.findMany({ where: { OR: [{ blockerId: userId }, { blockedId: userId }] }, select: { blockerId: true, blockedId: true } });
    const blocked = new Set(blocks.map((b) => pairKey(b.blockerId, b.blockedId)));
    const mine = toEntry(entry);
    return {
      state: 'waiting',
      noShows,
      notice,
      choice: { role: entry.role, level: entry.level, topics: entry.topics as TEnterLobbyInput['topics'], durationMinutes: entry.durationMinutes as TEnterLobbyInput['durationMinutes'] },
      since: entry.enteredAt.getTime(),
      waitingCompatible: others.filter((other) => isCompatible(mine, toEntry(other), blocked)).length,
      estimatedWaitSeconds: await estimateWait(db, entry.level, now),
    };
  }
  if (lastMatch?.status === 'confirmed' && lastMatch.interviewId && now.getTime() - lastMatch.createdAt.getTime() < STARTED_MS) {
    return { state: 'started', noShows, notice: null, interviewId: lastMatch.interviewId, role: lastMatch.interviewerId === userId ? 'interviewer' : 'candidate' };
  }
  return { state: 'idle', noShows, notice };
}

/** About the last match, when it fell through lately: whose no-show it was. */
async function noticeOf(db: PrismaClient, match: { id: string; status: string; expiresAt: Date } | null, userId: string, now: Date): Promise<TLobbyNotice | null> {
  // A match given up early expires then, not at expiresAt: a recent one is still news.
  if (!match || match.status !== 'expired' || now.getTime() - match.expiresAt.getTime() > NOTICE_MS) return null;
  const mine = await db.noShow.count({ where: { userId, matchId: match.id } });
  return mine > 0 ? 'you_no_show' : 'partner_no_show';
}

/** The median wait of the last matches at this level (both people's waits) over the last day. */
async function estimateWait(db: PrismaClient, level: 'L4' | 'L5', now: Date): Promise<number | null> {
  const matches = await db.lobbyMatch.findMany({
    where: { level, createdAt: { gt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } },
    orderBy: { createdAt: 'desc' },
    take: 20,
    select: { createdAt: true, interviewerEntryId: true, candidateEntryId: true },
  });
  if (matches.length === 0) return null;
  const entries = await db.lobbyEntry.findMany({
    where: { id: { in: matches.flatMap((m) => [m.interviewerEntryId, m.candidateEntryId]) } },
    select: { id: true, enteredAt: true },
  });
  const enteredAt = new Map(entries.map((e) => [e.id, e.enteredAt.getTime()]));
  const waits = matches.flatMap((m) =>
    [m.interviewerEntryId, m.candidateEntryId].flatMap((id) => {
      const at = enteredAt.get(id);
      return at === undefined ? [] : [Math.max(0, m.createdAt.getTime() - at)];
    }),
  );
  return estimateWaitSeconds(waits);
}

const ZBlockInput = z.strictObject({ interviewId: ZId });
const ZReportInput = z.strictObject({
  interviewId: ZId,
  reason: ZText.trim().min(1, 'Say what happened').max(2000, 'At most 2,000 characters'),
  /** Also never be paired with them again. */
  block: z.boolean().default(false),
});

/** The other person of an interview the user took part in, or null. */
async function partnerIn(db: PrismaClient, userId: string, interviewId: string): Promise<string | null> {
  const participants = await db.participant.findMany({ where: { interviewId }, select: { userId: true } });
  if (!participants.some((p) => p.userId === userId)) return null;
  return participants.find((p) => p.userId !== userId)?.userId ?? null;
}

/** Never be matched with the partner of that interview again. */
export async function blockPartner(ctx: TLobbyContext, input: unknown): Promise<TResult<{ blocked: true }>> {
  const parsed = ZBlockInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const partnerId = await partnerIn(ctx.db, ctx.userId, parsed.data.interviewId);
  if (!partnerId) return notFound();
  await insertBlock(ctx, partnerId);
  return ok({ blocked: true });
}

async function insertBlock(ctx: TLobbyContext, blockedId: string): Promise<void> {
  await ctx.db.block.upsert({
    where: { blockerId_blockedId: { blockerId: ctx.userId, blockedId } },
    create: { blockerId: ctx.userId, blockedId, createdAt: new Date(ctx.now) },
    update: {},
  });
}

/** A report about the partner of that interview, kept for whoever runs the instance (one per interview). */
export async function reportPartner(ctx: TLobbyContext, input: unknown): Promise<TResult<{ reported: true }>> {
  const parsed = ZReportInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const partnerId = await partnerIn(ctx.db, ctx.userId, parsed.data.interviewId);
  if (!partnerId) return notFound();
  await ctx.db.partnerReport.upsert({
    where: { reporterId_interviewId: { reporterId: ctx.userId, interviewId: parsed.data.interviewId } },
    create: { reporterId: ctx.userId, reportedId: partnerId, interviewId: parsed.data.interviewId, reason: parsed.data.reason, createdAt: new Date(ctx.now) },
    update: { reason: parsed.data.reason },
  });
  if (parsed.data.block) await insertBlock(ctx, partnerId);
  return ok({ reported: true });
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { code?: unknown })?.code ?? '') + String((error as Error)?.message ?? '');
  return text.includes('P2002') || text.includes('23505') || text.includes('Unique constraint');
}
