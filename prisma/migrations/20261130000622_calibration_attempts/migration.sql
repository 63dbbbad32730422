-- CreateTable
CREATE TABLE "CalibrationAttempt" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sessionSlug" TEXT NOT NULL,
    "scores" JSONB NOT NULL,
    "levelEstimate" TEXT NOT NULL,
    "recommendation" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "meanAbsGap" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalibrationAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CalibrationAttempt_userId_sessionSlug_createdAt_idx" ON "CalibrationAttempt"("userId", "sessionSlug", "createdAt");

-- AddForeignKey
ALTER TABLE "CalibrationAttempt" ADD CONSTRAINT "CalibrationAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
