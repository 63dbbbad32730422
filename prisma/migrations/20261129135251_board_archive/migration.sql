-- The current board is no longer rewritten whole at every save: it is the newest keyframe
-- (BoardSnapshot) plus the later "board" timeline events. Before the column goes, each stored
-- board that is newer than its newest keyframe becomes a keyframe, so nothing is lost.
INSERT INTO "BoardSnapshot" ("id", "interviewId", "clock", "snapshot", "createdAt")
SELECT 'migrated_' || bs."interviewId", bs."interviewId", bs."clock", bs."snapshot", bs."updatedAt"
FROM "BoardState" bs
WHERE NOT EXISTS (
  SELECT 1 FROM "BoardSnapshot" k WHERE k."interviewId" = bs."interviewId" AND k."clock" >= bs."clock"
);

-- AlterTable
ALTER TABLE "BoardState" DROP COLUMN "snapshot",
ADD COLUMN     "epoch" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "isClean" BOOLEAN NOT NULL DEFAULT true;
