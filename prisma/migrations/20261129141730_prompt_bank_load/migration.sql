-- CreateTable
CREATE TABLE "PromptBankLoad" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "hash" TEXT NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromptBankLoad_pkey" PRIMARY KEY ("id")
);
