-- AlterTable
ALTER TABLE "Interview" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "durationMinutes" INTEGER NOT NULL DEFAULT 45;

-- CreateTable
CREATE TABLE "Asset" (
    "id" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "uploaderId" TEXT,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Asset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Asset_interviewId_idx" ON "Asset"("interviewId");

-- AddForeignKey
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;
