-- CreateEnum
CREATE TYPE "LobbyRole" AS ENUM ('candidate', 'interviewer', 'either');

-- CreateEnum
CREATE TYPE "LobbyEntryStatus" AS ENUM ('waiting', 'matched', 'left');

-- CreateEnum
CREATE TYPE "LobbyMatchStatus" AS ENUM ('pending', 'confirmed', 'expired');

-- CreateTable
CREATE TABLE "LobbyEntry" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "LobbyRole" NOT NULL,
    "level" "Level" NOT NULL,
    "topics" TEXT[],
    "durationMinutes" INTEGER NOT NULL,
    "status" "LobbyEntryStatus" NOT NULL DEFAULT 'waiting',
    "enteredAt" TIMESTAMP(3) NOT NULL,
    "priorityAt" TIMESTAMP(3) NOT NULL,
    "matchId" TEXT,
    "leftAt" TIMESTAMP(3),

    CONSTRAINT "LobbyEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LobbyMatch" (
    "id" TEXT NOT NULL,
    "interviewerId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "interviewerEntryId" TEXT NOT NULL,
    "candidateEntryId" TEXT NOT NULL,
    "level" "Level" NOT NULL,
    "topics" TEXT[],
    "durationMinutes" INTEGER NOT NULL,
    "status" "LobbyMatchStatus" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "interviewerReadyAt" TIMESTAMP(3),
    "candidateReadyAt" TIMESTAMP(3),
    "interviewId" TEXT,

    CONSTRAINT "LobbyMatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoShow" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "matchId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoShow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Block" (
    "blockerId" TEXT NOT NULL,
    "blockedId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Block_pkey" PRIMARY KEY ("blockerId","blockedId")
);

-- CreateTable
CREATE TABLE "PartnerReport" (
    "id" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "reportedId" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LobbyEntry_status_priorityAt_idx" ON "LobbyEntry"("status", "priorityAt");

-- CreateIndex
CREATE INDEX "LobbyEntry_userId_status_idx" ON "LobbyEntry"("userId", "status");

-- CreateIndex
CREATE INDEX "LobbyMatch_status_expiresAt_idx" ON "LobbyMatch"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "LobbyMatch_interviewerId_idx" ON "LobbyMatch"("interviewerId");

-- CreateIndex
CREATE INDEX "LobbyMatch_candidateId_idx" ON "LobbyMatch"("candidateId");

-- CreateIndex
CREATE INDEX "NoShow_userId_at_idx" ON "NoShow"("userId", "at");

-- CreateIndex
CREATE INDEX "Block_blockedId_idx" ON "Block"("blockedId");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerReport_reporterId_interviewId_key" ON "PartnerReport"("reporterId", "interviewId");

-- AddForeignKey
ALTER TABLE "LobbyEntry" ADD CONSTRAINT "LobbyEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoShow" ADD CONSTRAINT "NoShow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Block" ADD CONSTRAINT "Block_blockerId_fkey" FOREIGN KEY ("blockerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Block" ADD CONSTRAINT "Block_blockedId_fkey" FOREIGN KEY ("blockedId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerReport" ADD CONSTRAINT "PartnerReport_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerReport" ADD CONSTRAINT "PartnerReport_reportedId_fkey" FOREIGN KEY ("reportedId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One place in the lobby per person: a second "Find a partner" (another tab, a double click,
-- two processes) cannot queue them twice. Not expressible in schema.prisma.
CREATE UNIQUE INDEX "LobbyEntry_one_waiting_per_user" ON "LobbyEntry"("userId") WHERE "status" IN ('waiting', 'matched');
