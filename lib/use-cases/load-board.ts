import type { RoomSnapshot } from '@tldraw/sync-core';
import { applyArchivedChanges, type TArchivedChanges } from '@/lib/domain/board-snapshot';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * A whiteboard as the archive holds it: the newest keyframe (BoardSnapshot) with the "board"
 * timeline events written after it applied; null when nothing was ever archived. For the board
 * engine (loading a board no process holds) and the session export. Callers check access.
 */
export async function loadArchivedBoard(prisma: PrismaClient, interviewId: string): Promise<{ snapshot: RoomSnapshot; clock: number } | null> {
  const keyframes = await prisma.$queryRaw<Array<{ clock: bigint; snapshot: RoomSnapshot }>>`
    SELECT "clock", "snapshot" FROM "BoardSnapshot" WHERE "interviewId" = ${interviewId}
    ORDER BY "clock" DESC, "createdAt" DESC LIMIT 1`;
  const keyframe = keyframes[0];
  if (!keyframe) return null;
  const rows = await prisma.$queryRaw<Array<{ payload: TArchivedChanges }>>`
    SELECT "payload" FROM "TimelineEvent"
    WHERE "interviewId" = ${interviewId} AND "kind" = 'board' AND ("payload"->>'clock')::bigint > ${keyframe.clock}
    ORDER BY "id"`;
  const snapshot = applyArchivedChanges(
    keyframe.snapshot,
    rows.map(({ payload }) => ({ sinceClock: Number(payload.sinceClock), clock: Number(payload.clock), diff: payload.diff })),
  );
  return { snapshot, clock: snapshot.documentClock ?? Number(keyframe.clock) };
}
