-- AlterTable
ALTER TABLE "Asset" ALTER COLUMN "data" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Blob" (
    "key" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Blob_pkey" PRIMARY KEY ("key")
);
