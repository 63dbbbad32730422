// Booked slots: a user offers a time (as interviewer, as candidate, or for a peer swap), another
// books it and both get the interview in their history as scheduled, a calendar file, and an
// in-app reminder ten minutes before; either can cancel with a reason, and the other sees it.
import { createEvent } from 'ics';
import { z } from 'zod';
import { LEVELS } from '@/lib/domain/interview';
import { pairKey, ZLobbyDuration } from '@/lib/domain/matching';
import { ZId, ZText } from '@/lib/domain/text-schema';
import type { TSlotView, TSlotsView, TReminder } from '@/lib/protocol/slots';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import type { TUseCaseContext } from './context';
import { createPairedInterviews } from './paired-interviews';

/** A slot starts at least this far ahead (time to book and prepare)... */
const MIN_LEAD_MS = 5 * 60_000;
/** ...and at most this far. */
const MAX_AHEAD_MS = 60 * 24 * 60 * 60_000;
/** Open slots one person may offer at once. */
export const MAX_OPEN_SLOTS = 20;
/** The in-app reminder shows this long before the start. */
export const REMINDER_MS = 10 * 60_000;
/** Cancelled and past sessions stay listed this long. */
const KEEP_LISTED_MS = 7 * 24 * 60 * 60_000;

export const ZPublishSlotInput = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: ZLobbyDuration,
  ownerRole: z.enum(['interviewer', 'candidate', 'swap']),
  level: z.enum(LEVELS),
});
const ZSlotId = z.strictObject({ slotId: ZId });
const ZCancelInput = z.strictObject({ slotId: ZId, reason: ZText.trim().min(1, 'Say why, for the other person').max(500, 'At most 500 characters') });

type TSlotRow = {
  id: string;
  ownerId: string;
  startsAt: Date;
  durationMinutes: number;
  ownerRole: 'interviewer' | 'candidate' | 'swap';
  level: 'L4' | 'L5';
  status: 'open' | 'booked' | 'cancelled';
  bookedById: string | null;
  interviewId: string | null;
  sequence: number;
  cancelledById: string | null;
  cancelReason: string | null;
  owner: { name: string | null };
  bookedBy: { name: string | null } | null;
};

const SLOT_INCLUDE = { owner: { select: { name: true } }, bookedBy: { select: { name: true } } } as const;

function toView(row: TSlotRow, userId: string): TSlotView {
  const isOwner = row.ownerId === userId;
  const myRole = row.ownerRole === 'swap' ? 'swap' : isOwner ? row.ownerRole : row.ownerRole === 'interviewer' ? 'candidate' : 'interviewer';
  const partnerName = isOwner ? row.bookedBy?.name ?? null : row.owner.name;
  return {
    id: row.id,
    startsAt: row.startsAt.getTime(),
    durationMinutes: row.durationMinutes,
    level: row.level,
    status: row.status,
    isMine: isOwner,
    myRole,
    partnerName: partnerName?.trim() || null,
    interviewId: row.interviewId,
    cancelReason: row.cancelReason,
    cancelledByMe: row.cancelledById === userId,
  };
}

/** Offers a time. */
export async function publishSlot(ctx: TUseCaseContext, input: unknown): Promise<TResult<TSlotView>> {
  const parsed = ZPublishSlotInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  // Whole minutes, as people book and calendars show them.
  const startsAt = new Date(Math.floor(Date.parse(parsed.data.startsAt) / 60_000) * 60_000);
  if (startsAt.getTime() < ctx.now + MIN_LEAD_MS) return fail('invalid_input', 'Choose a time at least 5 minutes from now.', { startsAt: 'too soon' });
  if (startsAt.getTime() > ctx.now + MAX_AHEAD_MS) return fail('invalid_input', 'Choose a time within the next 60 days.', { startsAt: 'too far ahead' });
  const endsAt = new Date(startsAt.getTime() + parsed.data.durationMinutes * 60_000 * (parsed.data.ownerRole === 'swap' ? 2 : 1));
  return ctx.db.$transaction(async (tx) => {
    // One person's offers queue on their user row: the count and the overlap check are exact.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${ctx.userId} FOR UPDATE`;
    const mine = await tx.slot.findMany({
      where: { status: { in: ['open', 'booked'] }, startsAt: { gt: new Date(ctx.now - 2 * 60 * 60_000) }, OR: [{ ownerId: ctx.userId }, { bookedById: ctx.userId }] },
      select: { startsAt: true, durationMinutes: true, ownerRole: true, status: true, ownerId: true },
    });
    if (mine.filter((slot) => slot.status === 'open' && slot.ownerId === ctx.userId).length >= MAX_OPEN_SLOTS) {
      return fail('rate_limited', `You already offer ${MAX_OPEN_SLOTS} open slots. Cancel one before offering another.`);
    }
    const overlaps = mine.some((slot) => {
      const end = slot.startsAt.getTime() + slot.durationMinutes * 60_000 * (slot.ownerRole === 'swap' ? 2 : 1);
      return slot.startsAt < endsAt && startsAt.getTime() < end;
    });
    if (overlaps) return fail('conflict', 'You already have a session at that time.', { startsAt: 'overlaps another session' });
    const row = await tx.slot.create({ data: { ownerId: ctx.userId, ...parsed.data, startsAt }, include: SLOT_INCLUDE });
    return ok(toView(row, ctx.userId));
  });
}

/** The user's own sessions (offered or booked, upcoming or lately ended or cancelled) and others' open slots. */
export async function listSlots(ctx: TUseCaseContext): Promise<TSlotsView> {
  const since = new Date(ctx.now - KEEP_LISTED_MS);
  const [mine, blocks] = await Promise.all([
    ctx.db.slot.findMany({
      where: { OR: [{ ownerId: ctx.userId }, { bookedById: ctx.userId }], startsAt: { gt: since } },
      orderBy: { startsAt: 'asc' },
      take: 100,
      include: SLOT_INCLUDE,
    }),
    ctx.db.block.findMany({ where: { OR: [{ blockerId: ctx.userId }, { blockedId: ctx.userId }] }, select: { blockerId: true, blockedId: true } }),
  ]);
  const blocked = new Set(blocks.map((b) => pairKey(b.blockerId, b.blockedId)));
  const open = await ctx.db.slot.findMany({
    where: { status: 'open', startsAt: { gt: new Date(ctx.now) }, ownerId: { not: ctx.userId } },
    orderBy: { startsAt: 'asc' },
    take: 100,
    include: SLOT_INCLUDE,
  });
  return {
    mine: mine.map((row) => toView(row, ctx.userId)),
    open: open.filter((row) => !blocked.has(pairKey(row.ownerId, ctx.userId))).map((row) => toView(row, ctx.userId)),
  };
}

/** Books an open slot: the interview (both halves for a swap) is created, scheduled at its time. */
export async function bookSlot(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ slot: TSlotView; notify: string[] }>> {
  const parsed = ZSlotId.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const claimed = await ctx.db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Slot" WHERE id = ${parsed.data.slotId} FOR UPDATE`;
    const slot = locked ? await tx.slot.findUnique({ where: { id: locked.id } }) : null;
    if (!slot || slot.ownerId === ctx.userId) return fail('not_found', 'This slot does not exist, or is your own.');
    const isBlocked = await tx.block.count({
      where: { OR: [{ blockerId: slot.ownerId, blockedId: ctx.userId }, { blockerId: ctx.userId, blockedId: slot.ownerId }] },
    });
    if (isBlocked > 0) return fail('not_found', 'This slot does not exist, or is your own.');
    if (slot.status !== 'open') return fail('conflict', 'Someone else booked this slot, or it was cancelled.');
    if (slot.startsAt.getTime() <= ctx.now) return fail('conflict', 'This slot has already started.');
    await tx.slot.update({ where: { id: slot.id }, data: { status: 'booked', bookedById: ctx.userId, sequence: { increment: 1 } } });
    return ok(slot);
  });
  if (!claimed.ok) return claimed;
  const slot = claimed.data;
  const booker = ctx.userId;
  const roles =
    slot.ownerRole === 'interviewer' ? { interviewerId: slot.ownerId, candidateId: booker } : { interviewerId: booker, candidateId: slot.ownerId };
  const created = await createPairedInterviews(ctx, {
    ...(slot.ownerRole === 'swap' ? { interviewerId: slot.ownerId, candidateId: booker } : roles),
    level: slot.level,
    topics: [],
    durationMinutes: slot.durationMinutes,
    isSwap: slot.ownerRole === 'swap',
    groupId: slot.id,
    scheduledAt: slot.startsAt,
  });
  if (!created.ok) {
    // The slot goes back on offer rather than staying booked without an interview.
    await ctx.db.slot.update({ where: { id: slot.id }, data: { status: 'open', bookedById: null, sequence: { increment: 1 } } });
    return created;
  }
  const row = await ctx.db.slot.update({ where: { id: slot.id }, data: { interviewId: created.data.interviewIds[0]! }, include: SLOT_INCLUDE });
  return ok({ slot: toView(row, ctx.userId), notify: [slot.ownerId] });
}

/**
 * Cancels a slot (its owner) or a booking (either person), with a reason the other sees. The
 * scheduled interviews go (they never started); a slot whose interview started cannot be
 * cancelled.
 */
export async function cancelSlot(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ slot: TSlotView; notify: string[] }>> {
  const parsed = ZCancelInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const outcome = await ctx.db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Slot" WHERE id = ${parsed.data.slotId} FOR UPDATE`;
    const slot = locked ? await tx.slot.findUnique({ where: { id: locked.id } }) : null;
    if (!slot || (slot.ownerId !== ctx.userId && slot.bookedById !== ctx.userId)) return fail('not_found', 'Slot not found.');
    if (slot.status === 'cancelled') return fail('conflict', 'This session is already cancelled.');
    const group = slot.interviewId
      ? await tx.interview.findMany({ where: { OR: [{ id: slot.interviewId }, { swapGroupId: slot.id }] }, select: { id: true, status: true } })
      : [];
    if (group.some((interview) => interview.status !== 'scheduled')) return fail('conflict', 'This interview has already started; end it in the room instead.');
    await tx.interview.deleteMany({ where: { id: { in: group.map((interview) => interview.id) } } });
    const row = await tx.slot.update({
      where: { id: slot.id },
      data: { status: 'cancelled', cancelledById: ctx.userId, cancelReason: parsed.data.reason, interviewId: null, sequence: { increment: 1 } },
      include: SLOT_INCLUDE,
    });
    const other = slot.ownerId === ctx.userId ? slot.bookedById : slot.ownerId;
    return ok({ slot: toView(row, ctx.userId), notify: other ? [other] : [] });
  });
  return outcome;
}

/** Booked sessions of the user that start within the next ten minutes (or started a minute ago). */
export async function dueReminders(ctx: TUseCaseContext): Promise<TReminder[]> {
  const rows = await ctx.db.slot.findMany({
    where: {
      status: 'booked',
      startsAt: { gt: new Date(ctx.now - 60_000), lte: new Date(ctx.now + REMINDER_MS) },
      OR: [{ ownerId: ctx.userId }, { bookedById: ctx.userId }],
    },
    orderBy: { startsAt: 'asc' },
    include: SLOT_INCLUDE,
  });
  return rows.flatMap((row) => {
    const view = toView(row, ctx.userId);
    return view.interviewId ? [{ slotId: view.id, interviewId: view.interviewId, startsAt: view.startsAt, partnerName: view.partnerName }] : [];
  });
}

/**
 * The session as an iCalendar file for either person: a request while it stands, a cancellation
 * once cancelled, with a SEQUENCE that grows at every change so calendars apply them in order.
 * Times are UTC; calendars show them in the reader's zone.
 */
export async function slotCalendar(ctx: TUseCaseContext, input: unknown, appUrl: string): Promise<TResult<{ filename: string; ics: string }>> {
  const parsed = ZSlotId.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const row = await ctx.db.slot.findUnique({ where: { id: parsed.data.slotId }, include: SLOT_INCLUDE });
  if (!row || (row.ownerId !== ctx.userId && row.bookedById !== ctx.userId) || row.status === 'open') return fail('not_found', 'Slot not found.');
  const view = toView(row, ctx.userId);
  const isCancelled = row.status === 'cancelled';
  const roomUrl = row.interviewId ? new URL(`/interviews/${row.interviewId}`, appUrl).toString() : new URL('/practice', appUrl).toString();
  const halves = row.ownerRole === 'swap' ? 2 : 1;
  const what = row.ownerRole === 'swap' ? 'peer swap' : `you are the ${view.myRole}`;
  const { error, value } = createEvent({
    productId: 'mockroom',
    method: isCancelled ? 'CANCEL' : 'REQUEST',
    uid: `${row.id}@mockroom`,
    sequence: row.sequence,
    start: row.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: row.durationMinutes * halves },
    title: `mockroom: ${row.level} mock interview${view.partnerName ? ` with ${view.partnerName}` : ''}`,
    description: isCancelled
      ? `Cancelled: ${row.cancelReason ?? ''}`
      : `System-design mock interview (${row.level}, ${row.durationMinutes} minutes${halves === 2 ? ' a half' : ''}; ${what}). Room: ${roomUrl}`,
    url: roomUrl,
    status: isCancelled ? 'CANCELLED' : 'CONFIRMED',
  });
  if (error || !value) return fail('internal', 'Could not make the calendar file.');
  return ok({ filename: `mockroom-${row.id}.ics`, ics: value });
}
