import type { RoomSnapshot } from '@tldraw/sync-core';
import { parseTimelineRows, type TTimelineKind } from '@/lib/domain/timeline';
import type { TReplayEvent, TReplayKeyframe, TReplayRecord } from '@/lib/domain/board-replay';
import { ok, type TResult } from '@/lib/result';
import { notFound, requireRole } from './access';
import type { TUseCaseContext } from './context';
import type { TReplayMarker, TBoardTimeline } from '@/lib/protocol/review';

export type { TReplayMarkerKind, TReplayMarker, TBoardTimeline } from '@/lib/protocol/review';

// What the review replay loads: the stored board timeline (keyframes + board events) and the
// markers (phase changes, revealed hints, notes, the end).
//
// Size: every board event holds the full records it put (tldraw keeps no per-record history), so
// the JSON grows with activity, not with the board. bench/replay.bench.ts measures a busy
// 45-minute board (2,700 one-second saves changing 3 shapes each, about 280 shapes at the end):
// events about 2.5 KiB each, the response about 6.7 MiB of JSON (about 130 KiB gzipped, for this
// repetitive synthetic data), built in 150-350 ms; the client parses it in 30-80 ms and rebuilds
// any moment in about 1 ms. Sent in one response, gzipped by the server for browsers
// (next.config.js `compress`); paging is left for boards much busier than that.

/** The timeline kinds the replay reads. */
const REPLAY_KINDS = ['board', 'timer', 'hint:revealed', 'note', 'interview:ended'] as const satisfies readonly TTimelineKind[];

/** The board timeline of an interview, for its participants (not_found for anyone else). */
export async function getBoardTimeline(ctx: TUseCaseContext, { interviewId }: { interviewId: string }): Promise<TResult<TBoardTimeline>> {
  const member = await requireRole(ctx, interviewId);
  if (!member.ok) return member;
  const role = member.data.role;
  const prisma = ctx.db;
  const interview = await prisma.interview.findUnique({ where: { id: interviewId }, select: { startedAt: true, endedAt: true } });
  if (!interview) return notFound();

  const [snapshots, rows, sharedNotes] = await Promise.all([
    prisma.boardSnapshot.findMany({
      where: { interviewId },
      orderBy: [{ clock: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, clock: true, createdAt: true },
    }),
    prisma.timelineEvent.findMany({
      where: { interviewId, kind: { in: [...REPLAY_KINDS] } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { at: true, kind: true, payload: true },
    }),
    role === 'candidate'
      ? prisma.note.findMany({ where: { interviewId, isShared: true }, select: { id: true } })
      : Promise.resolve(null),
  ]);

  const events: TReplayEvent[] = [];
  const markers: TReplayMarker[] = [];
  const shared = sharedNotes ? new Set(sharedNotes.map((n) => n.id)) : null;
  let phaseIndex: number | null = null;
  // A row this server cannot read (an old or damaged payload) is left out of the replay.
  for (const { at: date, event } of parseTimelineRows(rows)) {
    const at = date.getTime();
    if (event.kind === 'board') {
      events.push({ at, ...event.payload });
    } else if (event.kind === 'timer') {
      const next = event.payload.phaseIndex;
      if (next !== phaseIndex) {
        phaseIndex = next;
        markers.push({ at, kind: 'phase', label: `Phase ${next + 1}` });
      }
    } else if (event.kind === 'hint:revealed') {
      markers.push({ at, kind: 'hint', label: `Hint ${event.payload.index + 1}` });
    } else if (event.kind === 'note') {
      if (shared && !shared.has(event.payload.noteId)) continue;
      markers.push({ at, kind: 'note', label: 'Note' });
    } else if (event.kind === 'interview:ended') {
      markers.push({ at, kind: 'end', label: 'End' });
    }
  }

  // A keyframe stored with a save's changes has that save's time; one without (after a load)
  // has its row's creation time.
  // Only the keyframes the events cannot replace are sent: the first one, and any stored by a
  // save without changes (after a load, or when tldraw had pruned the history), where the chain
  // of events has a gap. Replaying 45 minutes of events from the start takes about 2 ms
  // (bench/replay.bench.ts), while every keyframe would double the response.
  const eventAtByClock = new Map(events.map((e) => [e.clock, e.at]));
  const needed = snapshots.filter((row, i) => i === 0 || !eventAtByClock.has(Number(row.clock)));
  const stored = await prisma.boardSnapshot.findMany({ where: { id: { in: needed.map((row) => row.id) } }, select: { id: true, snapshot: true } });
  const snapshotById = new Map(stored.map((row) => [row.id, row.snapshot as unknown as RoomSnapshot]));
  const keyframes: TReplayKeyframe[] = needed.map((row) => {
    const snapshot = snapshotById.get(row.id)!;
    return {
      at: eventAtByClock.get(Number(row.clock)) ?? row.createdAt.getTime(),
      clock: Number(row.clock),
      records: snapshot.documents.map((d) => d.state as unknown as TReplayRecord),
    };
  });
  const newest = needed.length ? snapshotById.get(needed.at(-1)!.id) : undefined;

  return ok({
    startedAt: interview.startedAt?.getTime() ?? null,
    endedAt: interview.endedAt?.getTime() ?? null,
    schema: newest?.schema ?? null,
    keyframes,
    events,
    markers,
  });
}
