-- CreateTable
CREATE TABLE "BoardState" (
    "interviewId" TEXT NOT NULL,
    "clock" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BoardState_pkey" PRIMARY KEY ("interviewId")
);

-- AddForeignKey
ALTER TABLE "BoardState" ADD CONSTRAINT "BoardState_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;
