import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { loadArchivedBoard } from '@/lib/use-cases/load-board';
import type { TTimelineKind, TTimelinePayload } from '@/lib/domain/timeline';
import { BoardFencedError, type TBoardArchive, type TBoardChanges } from './board-archive';

/**
 * The whiteboard archive in the database (PGlite or PostgreSQL):
 * - `BoardState`: how far the archive goes, the owner epoch, and whether the last owner stopped
 *   cleanly;
 * - `TimelineEvent` kind "board": the changes of each write, with the document clocks (the
 *   replay's time resolution is one write, about a second);
 * - `BoardSnapshot`: keyframes, written when the board closes or the interview ends, when the
 *   changes are unknown, and when the changes written since the last one outweigh the board.
 * JSON goes to the database as text cast to jsonb: Prisma would serialise a JSON argument again
 * (24% of the CPU of a save of a 500-shape board in a profile of the old whole-board writer).
 */
const BOARD_KIND: TTimelineKind = 'board';

/** The timeline's board payload (lib/domain/timeline.ts) as written, with tldraw's own record type. */
type TStoredBoardChanges = Omit<TTimelinePayload<'board'>, 'diff'> & { diff: TBoardChanges['diff'] };

export function createPrismaBoardArchive(prisma: PrismaClient, now: () => number = Date.now): TBoardArchive {
  return {
    async claim(interviewId) {
      return prisma.$transaction(async (tx) => {
        // The row lock orders concurrent claims; each sees the epoch the previous one wrote.
        const rows = await tx.$queryRaw<Array<{ epoch: number; isClean: boolean; lineageStart: bigint }>>`
          SELECT "epoch", "isClean", "lineageStart" FROM "BoardState" WHERE "interviewId" = ${interviewId} FOR UPDATE`;
        const previous = rows[0];
        const epoch = (previous?.epoch ?? 0) + 1;
        await tx.$executeRaw`
          INSERT INTO "BoardState" ("interviewId", "clock", "epoch", "isClean", "updatedAt")
          VALUES (${interviewId}, -1, ${epoch}, false, ${new Date(now())})
          ON CONFLICT ("interviewId") DO UPDATE SET "epoch" = ${epoch}, "isClean" = false, "updatedAt" = ${new Date(now())}`;
        return {
          epoch,
          previousEpoch: previous?.epoch ?? 0,
          wasClean: previous?.isClean ?? true,
          previousLineageStart: Number(previous?.lineageStart ?? 0),
        };
      });
    },

    async load(interviewId) {
      return (await loadArchivedBoard(prisma, interviewId)) ?? { snapshot: null, clock: -1 };
    },

    async begin(interviewId, start) {
      const updated = await prisma.$executeRaw`
        UPDATE "BoardState" SET "lineageStart" = ${start.clock}, "updatedAt" = ${new Date(now())}
        WHERE "interviewId" = ${interviewId} AND "epoch" = ${start.epoch}`;
      if (updated === 0) throw new BoardFencedError(interviewId, start.epoch);
    },

    async append(interviewId, write) {
      const at = new Date(now());
      const changedAt = write.changedAt !== undefined && write.changedAt < at.getTime() ? new Date(write.changedAt) : at;
      const changes: TStoredBoardChanges | null = write.changes
        ? { sinceClock: write.changes.sinceClock, clock: write.clock, diff: write.changes.diff }
        : null;
      const payload = changes ? JSON.stringify(changes) : null;
      const keyframe = write.keyframe ?? null;
      // One statement, so one round trip (PGlite runs each query as synchronous WebAssembly on the
      // event loop; an interactive transaction was five: BEGIN, three statements, COMMIT) and still
      // atomic. Fencing: only the owner of the current epoch moves the archive; the row lock the
      // UPDATE takes makes a concurrent claim wait for this write, or this write see the new epoch,
      // and the inserts happen only if the UPDATE matched.
      const rows = await prisma.$queryRaw<Array<{ moved: number }>>`
        WITH moved AS (
          UPDATE "BoardState" SET "clock" = ${write.clock}, "isClean" = ${Boolean(write.isFinal)}, "updatedAt" = ${at}
          WHERE "interviewId" = ${interviewId} AND "epoch" = ${write.epoch}
          RETURNING 1
        ), event AS (
          INSERT INTO "TimelineEvent" ("interviewId", "at", "kind", "payload")
          SELECT ${interviewId}::text, ${changedAt}::timestamp(3), ${BOARD_KIND}::text, ${payload}::jsonb FROM moved WHERE ${payload}::text IS NOT NULL
          RETURNING 1
        ), frame AS (
          INSERT INTO "BoardSnapshot" ("id", "interviewId", "clock", "snapshot", "createdAt")
          SELECT ${randomUUID()}::text, ${interviewId}::text, ${keyframe?.clock ?? null}::bigint, ${keyframe?.json ?? null}::jsonb, ${at}::timestamp(3)
          FROM moved WHERE ${keyframe?.json ?? null}::text IS NOT NULL
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM moved)::int AS "moved"`;
      if (!rows[0]?.moved) throw new BoardFencedError(interviewId, write.epoch);
    },
  };
}
