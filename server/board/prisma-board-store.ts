import type { RoomSnapshot } from '@tldraw/sync-core';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { TBoardSave, TBoardStore } from './board-store';

/** A full keyframe at most this often; coalesced changes (about 1 s apart) fill the gaps. */
export const KEYFRAME_INTERVAL_MS = 60_000;

type TJson = Parameters<PrismaClient['boardState']['create']>[0]['data']['snapshot'];

/**
 * The whiteboard's persistence in the database. Each save is one transaction that rewrites the
 * interview's current board (BoardState), appends the changes since the previous save to the
 * timeline (kind "board", with the document clocks), and, at most once a minute or when the
 * changes are unknown, stores a keyframe (BoardSnapshot) for the replay to start from.
 */
export function createPrismaBoardStore(prisma: PrismaClient, now: () => number = Date.now): TBoardStore {
  const lastKeyframeAt = new Map<string, number>();
  return {
    async load(interviewId) {
      const row = await prisma.boardState.findUnique({ where: { interviewId }, select: { snapshot: true } });
      return { snapshot: (row?.snapshot as RoomSnapshot | undefined) ?? null };
    },
    async save(interviewId, input: TBoardSave) {
      const at = now();
      const snapshot = input.snapshot as unknown as TJson;
      const isKeyframeDue = !input.changes || at - (lastKeyframeAt.get(interviewId) ?? 0) >= KEYFRAME_INTERVAL_MS;
      await prisma.$transaction([
        prisma.boardState.upsert({
          where: { interviewId },
          create: { interviewId, clock: input.clock, snapshot },
          update: { clock: input.clock, snapshot },
        }),
        ...(input.changes
          ? [
              prisma.timelineEvent.create({
                data: {
                  interviewId,
                  at: new Date(at),
                  kind: 'board',
                  payload: { sinceClock: input.changes.sinceClock, clock: input.clock, diff: input.changes.diff } as unknown as TJson,
                },
              }),
            ]
          : []),
        ...(isKeyframeDue ? [prisma.boardSnapshot.create({ data: { interviewId, clock: input.clock, snapshot } })] : []),
      ]);
      if (isKeyframeDue) lastKeyframeAt.set(interviewId, at);
    },
  };
}
