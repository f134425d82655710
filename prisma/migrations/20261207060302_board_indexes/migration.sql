-- CreateIndex
CREATE INDEX "Answer_roomId_playerId_points_streakBonus_idx" ON "Answer"("roomId", "playerId", "points", "streakBonus");

-- CreateIndex
CREATE INDEX "Answer_questionId_roomId_playerId_points_streakBonus_idx" ON "Answer"("questionId", "roomId", "playerId", "points", "streakBonus");

-- CreateIndex
CREATE INDEX "Room_status_endedAt_idx" ON "Room"("status", "endedAt");

-- CreateIndex
CREATE INDEX "Submission_final_variant_createdAt_idx" ON "Submission"("final", "variant", "createdAt");
