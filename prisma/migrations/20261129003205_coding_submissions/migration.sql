-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('PENDING', 'SCORED', 'REJECTED');

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "playerId" TEXT NOT NULL,
    "questionIndex" INTEGER NOT NULL,
    "variant" TEXT NOT NULL,
    "body" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "parameters" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "status" "SubmissionStatus" NOT NULL DEFAULT 'PENDING',
    "evaluatorVersion" TEXT,
    "publicAccuracy" DOUBLE PRECISION,
    "privateAccuracy" DOUBLE PRECISION,
    "rejectionCode" TEXT,
    "rejectionDetail" TEXT,
    "evaluationMs" INTEGER,
    "final" BOOLEAN NOT NULL DEFAULT false,
    "finalRank" INTEGER,
    "points" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "evaluatedAt" TIMESTAMP(3),

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Submission_roomId_questionIndex_idx" ON "Submission"("roomId", "questionIndex");

-- CreateIndex
CREATE INDEX "Submission_variant_status_privateAccuracy_idx" ON "Submission"("variant", "status", "privateAccuracy");

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_playerId_fkey" FOREIGN KEY ("playerId") REFERENCES "Player"("id") ON DELETE CASCADE ON UPDATE CASCADE;
