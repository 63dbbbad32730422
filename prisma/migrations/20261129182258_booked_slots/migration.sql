-- CreateEnum
CREATE TYPE "SlotRole" AS ENUM ('interviewer', 'candidate', 'swap');

-- CreateEnum
CREATE TYPE "SlotStatus" AS ENUM ('open', 'booked', 'cancelled');

-- CreateTable
CREATE TABLE "Slot" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "ownerRole" "SlotRole" NOT NULL,
    "level" "Level" NOT NULL,
    "status" "SlotStatus" NOT NULL DEFAULT 'open',
    "bookedById" TEXT,
    "interviewId" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "cancelledById" TEXT,
    "cancelReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Slot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Slot_status_startsAt_idx" ON "Slot"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Slot_ownerId_startsAt_idx" ON "Slot"("ownerId", "startsAt");

-- CreateIndex
CREATE INDEX "Slot_bookedById_startsAt_idx" ON "Slot"("bookedById", "startsAt");

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
