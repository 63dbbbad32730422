import type { PrismaClient } from '@/lib/generated/prisma/client';
import {
  MAX_INTERVIEW_RECORDING_BYTES,
  MAX_RECORDING_CHUNK_BYTES,
  MAX_RECORDING_CHUNKS_PER_TRACK,
  RECORDING_QUOTA_MESSAGE,
  RECORDING_UPLOAD_GRACE_MS,
  type TRecordingState,
} from '@/lib/domain/recording';
import { ZInterviewId } from '@/lib/protocol/ids';
import {
  ZRecordingAnswer,
  ZRecordingChunkRef,
  ZRecordingPropose,
  ZRecordingStop,
  ZRecordingTrackOpen,
  type TRecordingChunkStored,
  type TRecordingTrack,
  type TRecordingTrackOpened,
} from '@/lib/protocol/recording';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import type { TBlobStore } from '@/lib/storage/blob-store';
import { z } from 'zod';
import { notFound, requireRole } from './access';
import type { TUseCaseContext } from './context';

// A recording of the call happens only with both participants' consent, stored here (not in a
// browser): proposed by one, active once both agreed, stopped by either or by the interview's
// end. Each browser then records its own microphone as tracks of chunks, appended in order.

type TRecordingRow = {
  id: string;
  status: TRecordingState['status'];
  proposedById: string;
  consentedBy: string[];
  startedAt: Date | null;
  stoppedAt: Date | null;
};
const RECORDING_ROW = { id: true, status: true, proposedById: true, consentedBy: true, startedAt: true, stoppedAt: true } as const;

/** How far a browser's reading of the server clock may run ahead of the server (offset error). */
const MAX_CLOCK_SKEW_MS = 1000;
/** How long after its recorder started a browser may open the track (retries included). */
const MAX_TRACK_OPEN_DELAY_MS = 30_000;

const NOT_ACTIVE = 'Nothing is being recorded: both people have to agree first.';
const RECORDING_CLOSED = 'This recording has stopped.';

export const chunkKey = (trackId: string, index: number) => `recordings/${trackId}-${index}`;

/** The state as people see it: an active recording of an ended interview has stopped at the end. */
function stateOf(row: TRecordingRow, endedAt: Date | null): TRecordingState {
  const isCutByEnd = row.status === 'active' && endedAt !== null;
  return {
    id: row.id,
    status: isCutByEnd ? 'stopped' : row.status,
    proposedBy: row.proposedById,
    consentedBy: row.consentedBy,
    startedAt: row.startedAt?.getTime() ?? null,
    stoppedAt: (isCutByEnd ? endedAt : row.stoppedAt)?.getTime() ?? null,
  };
}

type TInterviewEnd = { status: string; endedAt: Date | null } | null;

/**
 * The interview's latest recording (each proposal is one), as the room shows it. A caller that
 * has just read the interview passes its status and end instead of a second read.
 */
export async function currentRecording(db: PrismaClient, interviewId: string, known?: TInterviewEnd): Promise<TRecordingState | null> {
  const [row, interview] = await Promise.all([
    db.recording.findFirst({ where: { interviewId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: RECORDING_ROW }),
    known !== undefined ? known : db.interview.findUnique({ where: { id: interviewId }, select: { endedAt: true, status: true } }),
  ]);
  if (!row) return null;
  return stateOf(row, interview?.status === 'ended' ? (interview.endedAt ?? new Date(0)) : null);
}

export type TRecordingOutcome = { state: TRecordingState; changed: boolean };

/**
 * `{ interviewId }`: proposes recording (the proposer consents). A pending proposal of the other
 * person is accepted instead; a pending or active one of one's own is answered as it is.
 */
export async function proposeRecording(ctx: TUseCaseContext, input: unknown): Promise<TResult<TRecordingOutcome>> {
  const parsed = ZRecordingPropose.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId } = parsed.data;
  const member = await requireRole(ctx, interviewId, undefined, { isOpen: true });
  if (!member.ok) return member;
  const current = await currentRecording(ctx.db, interviewId);
  if (current?.status === 'active') return ok({ state: current, changed: false });
  if (current?.status === 'proposed') {
    if (current.consentedBy.includes(ctx.userId)) return ok({ state: current, changed: false });
    return answerRecording(ctx, { interviewId, recordingId: current.id, accept: true });
  }
  const row = await ctx.db.recording.create({
    data: { interviewId, proposedById: ctx.userId, consentedBy: [ctx.userId], createdAt: new Date(ctx.now) },
    select: RECORDING_ROW,
  });
  return ok({ state: stateOf(row, null), changed: true });
}

/**
 * `{ interviewId, recordingId, accept }`: agreeing makes the recording active once every
 * participant has (its start stamped on the server clock); declining means nothing is recorded.
 */
export async function answerRecording(ctx: TUseCaseContext, input: unknown): Promise<TResult<TRecordingOutcome>> {
  const parsed = ZRecordingAnswer.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, recordingId, accept } = parsed.data;
  const member = await requireRole(ctx, interviewId, undefined, { isOpen: true });
  if (!member.ok) return member;
  return ctx.db.$transaction(async (tx) => {
    // Both answers at once queue here, so the second sees the first's consent.
    const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Recording" WHERE id = ${recordingId} AND "interviewId" = ${interviewId} FOR UPDATE`;
    if (locked.length === 0) return notFound();
    const row = await tx.recording.findUniqueOrThrow({ where: { id: recordingId }, select: RECORDING_ROW });
    if (row.status !== 'proposed') return ok({ state: stateOf(row, null), changed: false });
    if (!accept) {
      const declined = await tx.recording.update({ where: { id: recordingId }, data: { status: 'declined', stoppedAt: new Date(ctx.now) }, select: RECORDING_ROW });
      return ok({ state: stateOf(declined, null), changed: true });
    }
    if (row.consentedBy.includes(ctx.userId)) return ok({ state: stateOf(row, null), changed: false });
    const consentedBy = [...row.consentedBy, ctx.userId];
    const seats = await tx.participant.findMany({ where: { interviewId }, select: { userId: true } });
    const isEveryone = seats.length >= 2 && seats.every((seat) => consentedBy.includes(seat.userId));
    const updated = await tx.recording.update({
      where: { id: recordingId },
      data: isEveryone ? { consentedBy, status: 'active', startedAt: new Date(ctx.now) } : { consentedBy },
      select: RECORDING_ROW,
    });
    return ok({ state: stateOf(updated, null), changed: true });
  });
}

/** `{ interviewId, recordingId }`: either participant stops a recording (or withdraws a proposal). */
export async function stopRecording(ctx: TUseCaseContext, input: unknown): Promise<TResult<TRecordingOutcome>> {
  const parsed = ZRecordingStop.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, recordingId } = parsed.data;
  const member = await requireRole(ctx, interviewId);
  if (!member.ok) return member;
  const row = await ctx.db.recording.findFirst({ where: { id: recordingId, interviewId }, select: RECORDING_ROW });
  if (!row) return notFound();
  const now = new Date(ctx.now);
  // Conditional on the status, so a stop racing with the other's answer changes one thing once.
  const changed = await ctx.db.recording.updateMany({
    where: { id: recordingId, status: { in: ['proposed', 'active'] } },
    data: row.status === 'proposed' ? { status: 'declined', stoppedAt: now } : { status: 'stopped', stoppedAt: now },
  });
  const state = await currentRecordingById(ctx.db, interviewId, recordingId);
  return ok({ state, changed: changed.count > 0 });
}

async function currentRecordingById(db: PrismaClient, interviewId: string, recordingId: string): Promise<TRecordingState> {
  const [row, interview] = await Promise.all([
    db.recording.findUniqueOrThrow({ where: { id: recordingId }, select: RECORDING_ROW }),
    db.interview.findUnique({ where: { id: interviewId }, select: { endedAt: true, status: true } }),
  ]);
  return stateOf(row, interview?.status === 'ended' ? (interview.endedAt ?? new Date(0)) : null);
}

/**
 * `{ interviewId, recordingId }`: this browser starts recording its own microphone; the track's
 * start is the server's clock now (the clock of the timers and the replay).
 */
export async function openRecordingTrack(ctx: TUseCaseContext, input: unknown): Promise<TResult<TRecordingTrackOpened>> {
  const parsed = ZRecordingTrackOpen.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, recordingId } = parsed.data;
  const member = await requireRole(ctx, interviewId, undefined, { isOpen: true });
  if (!member.ok) return member;
  const current = await currentRecording(ctx.db, interviewId);
  if (!current || current.id !== recordingId || current.status !== 'active') return fail('conflict', NOT_ACTIVE);
  // The browser's reading of the server clock when its recorder started is closer to the first
  // sample than this request's arrival (a busy server can take seconds to get here); it is taken
  // within bounds: not before both agreed, not in the future, not long ago.
  const claimed = parsed.data.startedAt;
  const isPlausible = claimed !== undefined && claimed <= ctx.now + MAX_CLOCK_SKEW_MS && claimed >= ctx.now - MAX_TRACK_OPEN_DELAY_MS;
  const startedAt = Math.max(isPlausible ? claimed : ctx.now, current.startedAt ?? 0);
  const track = await ctx.db.recordingTrack.create({
    data: { recordingId, interviewId, userId: ctx.userId, startedAt: new Date(startedAt) },
    select: { id: true, startedAt: true },
  });
  return ok({ trackId: track.id, startedAt: track.startedAt.getTime() });
}

class Refused extends Error {
  constructor(readonly result: TResult<never>) {
    super('refused');
  }
}

/**
 * `{ interviewId, trackId, index }` and the bytes: appends chunk `index` to one's own track.
 * Idempotent (an index already stored answers isDuplicate and writes nothing), in order (a gap is
 * a conflict: the browser sends them one after the other), bounded per chunk and per interview.
 */
export async function storeRecordingChunk(ctx: TUseCaseContext, blobs: TBlobStore, input: unknown, bytes: Uint8Array): Promise<TResult<TRecordingChunkStored>> {
  const parsed = ZRecordingChunkRef.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, trackId, index } = parsed.data;
  const member = await requireRole(ctx, interviewId);
  if (!member.ok) return member;
  const track = await ctx.db.recordingTrack.findFirst({
    where: { id: trackId, interviewId, userId: ctx.userId },
    select: { chunkCount: true, recording: { select: { status: true, stoppedAt: true } }, interview: { select: { endedAt: true } } },
  });
  // Someone else's track is as unknown as a missing one.
  if (!track) return notFound();
  if (index < track.chunkCount) return ok({ index, isDuplicate: true, chunkCount: track.chunkCount });
  const closedAt = Math.min(track.recording.stoppedAt?.getTime() ?? Infinity, track.interview.endedAt?.getTime() ?? Infinity);
  if (track.recording.status === 'declined' || ctx.now > closedAt + RECORDING_UPLOAD_GRACE_MS) return fail('conflict', RECORDING_CLOSED);
  if (bytes.byteLength === 0) return fail('invalid_input', 'The chunk is empty.');
  if (bytes.byteLength > MAX_RECORDING_CHUNK_BYTES) return fail('too_large', `A recording chunk can be at most ${MAX_RECORDING_CHUNK_BYTES / 1024} KB.`);
  if (index >= MAX_RECORDING_CHUNKS_PER_TRACK) return fail('too_large', RECORDING_QUOTA_MESSAGE);
  if (index > track.chunkCount) return fail('conflict', `Chunks arrive in order: chunk ${track.chunkCount} comes next.`);
  const interviewBytes = async (db: Pick<PrismaClient, 'recordingTrack'>) =>
    (await db.recordingTrack.aggregate({ where: { interviewId }, _sum: { bytes: true } }))._sum.bytes ?? 0;
  if ((await interviewBytes(ctx.db)) + bytes.byteLength > MAX_INTERVIEW_RECORDING_BYTES) return fail('too_large', RECORDING_QUOTA_MESSAGE);
  // The bytes first, then the count that makes them part of the track: a crash in between leaves
  // a file the retry of this index overwrites, never a count without its bytes.
  await blobs.put(chunkKey(trackId, index), bytes);
  try {
    return await ctx.db.$transaction(async (tx) => {
      // Every chunk of an interview queues on its row: the quota holds when uploads race.
      await tx.$queryRaw`SELECT id FROM "Interview" WHERE id = ${interviewId} FOR UPDATE`;
      const now = await tx.recordingTrack.findUniqueOrThrow({ where: { id: trackId }, select: { chunkCount: true } });
      if (index < now.chunkCount) return ok({ index, isDuplicate: true, chunkCount: now.chunkCount });
      if (index > now.chunkCount) throw new Refused(fail('conflict', `Chunks arrive in order: chunk ${now.chunkCount} comes next.`));
      if ((await interviewBytes(tx)) + bytes.byteLength > MAX_INTERVIEW_RECORDING_BYTES) throw new Refused(fail('too_large', RECORDING_QUOTA_MESSAGE));
      const updated = await tx.recordingTrack.update({
        where: { id: trackId },
        data: { chunkCount: { increment: 1 }, bytes: { increment: bytes.byteLength }, lastChunkAt: new Date(ctx.now) },
        select: { chunkCount: true },
      });
      return ok({ index, isDuplicate: false, chunkCount: updated.chunkCount });
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await blobs.delete(chunkKey(trackId, index)).catch(() => undefined);
    return error.result;
  }
}

const ZTracksInput = z.strictObject({ interviewId: ZInterviewId });

/** `{ interviewId }`: the recorded voices of an interview, for its two participants only. */
export async function listRecordingTracks(ctx: TUseCaseContext, input: unknown): Promise<TResult<TRecordingTrack[]>> {
  const parsed = ZTracksInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId } = parsed.data;
  const member = await requireRole(ctx, interviewId);
  if (!member.ok) return member;
  const rows = await ctx.db.recordingTrack.findMany({
    where: { interviewId, chunkCount: { gt: 0 } },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, userId: true, startedAt: true, lastChunkAt: true, bytes: true, user: { select: { name: true, email: true } } },
  });
  return ok(
    rows.map((row) => ({
      id: row.id,
      userId: row.userId,
      name: row.user.name ?? row.user.email,
      startedAt: row.startedAt.getTime(),
      lastChunkAt: row.lastChunkAt?.getTime() ?? null,
      bytes: row.bytes,
      url: `/api/interviews/${interviewId}/recordings/${row.id}`,
    })),
  );
}

/** One track's audio (its chunks in order) for a participant of its interview, or null (404 for everyone else). */
export async function readRecordingTrack(ctx: TUseCaseContext, blobs: TBlobStore, input: { interviewId: string; trackId: string }): Promise<Uint8Array | null> {
  if (!(await requireRole(ctx, input.interviewId)).ok) return null;
  const track = await ctx.db.recordingTrack.findFirst({ where: { id: input.trackId, interviewId: input.interviewId }, select: { chunkCount: true } });
  if (!track || track.chunkCount === 0) return null;
  const parts: Uint8Array[] = [];
  for (let index = 0; index < track.chunkCount; index++) {
    const part = await blobs.get(chunkKey(input.trackId, index));
    if (!part) break;
    parts.push(part);
  }
  return Buffer.concat(parts);
}

/**
 * Deletes stored chunks whose track is gone (the interview or the account was deleted, or the
 * retention period passed: the rows go by cascade). Returns how many.
 */
export async function deleteOrphanRecordingChunks(prisma: PrismaClient, blobs: TBlobStore): Promise<number> {
  const keys = await blobs.list('recordings/');
  const trackOf = (key: string) => key.slice('recordings/'.length).replace(/-\d+$/, '');
  let deleted = 0;
  for (let i = 0; i < keys.length; i += 500) {
    const batch = keys.slice(i, i + 500);
    const ids = [...new Set(batch.map(trackOf))];
    const live = new Set((await prisma.recordingTrack.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id));
    for (const key of batch) {
      if (live.has(trackOf(key))) continue;
      await blobs.delete(key);
      deleted++;
    }
  }
  return deleted;
}

/** Recordings older than the retention period (RECORDING_RETENTION_DAYS; 0 keeps them), rows and files. */
export async function deleteExpiredRecordings(prisma: PrismaClient, blobs: TBlobStore, now: number, retentionDays: number): Promise<number> {
  if (retentionDays <= 0) return 0;
  const expired = await prisma.recording.deleteMany({ where: { createdAt: { lt: new Date(now - retentionDays * 86_400_000) } } });
  if (expired.count > 0) await deleteOrphanRecordingChunks(prisma, blobs);
  return expired.count;
}
