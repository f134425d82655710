-- CreateEnum
CREATE TYPE "CandidateIdentity" AS ENUM ('NAME_EMAIL', 'ACCOUNT');

-- CreateEnum
CREATE TYPE "CandidateView" AS ENUM ('NOTHING', 'OWN_RESULTS', 'OWN_AND_BOARD');

-- AlterTable
ALTER TABLE "Player" ADD COLUMN     "candidateId" TEXT;

-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "eventId" TEXT;

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "organiserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "identity" "CandidateIdentity" NOT NULL DEFAULT 'NAME_EMAIL',
    "afterwards" "CandidateView" NOT NULL DEFAULT 'OWN_RESULTS',
    "terms" TEXT NOT NULL,
    "coding" JSONB,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventQuestionSet" (
    "eventId" TEXT NOT NULL,
    "setId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "EventQuestionSet_pkey" PRIMARY KEY ("eventId","setId")
);

-- CreateTable
CREATE TABLE "EventInvite" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventInvite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Candidate" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "inviteId" TEXT,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "acceptedTermsAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Candidate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Event_organiserId_createdAt_idx" ON "Event"("organiserId", "createdAt");

-- CreateIndex
CREATE INDEX "EventQuestionSet_setId_idx" ON "EventQuestionSet"("setId");

-- CreateIndex
CREATE UNIQUE INDEX "EventInvite_tokenHash_key" ON "EventInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "EventInvite_eventId_idx" ON "EventInvite"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_eventId_email_key" ON "Candidate"("eventId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_eventId_userId_key" ON "Candidate"("eventId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Player_roomId_candidateId_key" ON "Player"("roomId", "candidateId");

-- CreateIndex
CREATE INDEX "Room_eventId_idx" ON "Room"("eventId");

-- AddForeignKey
ALTER TABLE "Room" ADD CONSTRAINT "Room_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Player" ADD CONSTRAINT "Player_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_organiserId_fkey" FOREIGN KEY ("organiserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventQuestionSet" ADD CONSTRAINT "EventQuestionSet_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventQuestionSet" ADD CONSTRAINT "EventQuestionSet_setId_fkey" FOREIGN KEY ("setId") REFERENCES "QuestionSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventInvite" ADD CONSTRAINT "EventInvite_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "EventInvite"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
