-- CreateIndex
CREATE INDEX "Interview_createdAt_id_idx" ON "Interview"("createdAt", "id");
