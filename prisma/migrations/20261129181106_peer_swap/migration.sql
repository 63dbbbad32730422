-- AlterEnum
ALTER TYPE "LobbyRole" ADD VALUE 'swap';

-- AlterTable
ALTER TABLE "Interview" ADD COLUMN     "swapGroupId" TEXT,
ADD COLUMN     "swapHalf" INTEGER;

-- AlterTable
ALTER TABLE "LobbyMatch" ADD COLUMN     "isSwap" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Interview_swapGroupId_idx" ON "Interview"("swapGroupId");
