import type { RoomSnapshot } from '@tldraw/sync-core';
import { applyArchivedChanges, type TArchivedChanges } from '@/lib/domain/board-snapshot';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { parseTimelineRows, type TTimelineKind } from '@/lib/domain/timeline';
import { ok, type TResult } from '@/lib/result';
import { requireRole } from './access';
import type { TUseCaseContext } from './context';

const BOARD_KIND = 'board' satisfies TTimelineKind;

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
  const rows = await prisma.$queryRaw<Array<{ kind: string; payload: unknown }>>`
    SELECT "kind", "payload" FROM "TimelineEvent"
    WHERE "interviewId" = ${interviewId} AND "kind" = ${BOARD_KIND} AND ("payload"->>'clock')::bigint > ${keyframe.clock}
    ORDER BY "id"`;
  const changes: TArchivedChanges[] = [];
  for (const { event } of parseTimelineRows(rows)) {
    // The records are tldraw's own, written by the board archive; the shape around them is checked.
    if (event.kind === BOARD_KIND) changes.push(event.payload as unknown as TArchivedChanges);
  }
  const snapshot = applyArchivedChanges(keyframe.snapshot, changes);
  return { snapshot, clock: snapshot.documentClock ?? Number(keyframe.clock) };
}

/** Whether the caller may open the interview's whiteboard (participants only), and read-only (it ended). */
export async function boardAccess(ctx: TUseCaseContext, { interviewId }: { interviewId: string }): Promise<TResult<{ isReadonly: boolean }>> {
  const member = await requireRole(ctx, interviewId);
  return member.ok ? ok({ isReadonly: member.data.status === 'ended' }) : member;
}
