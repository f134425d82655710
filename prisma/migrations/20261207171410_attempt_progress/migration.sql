-- AlterTable
ALTER TABLE "ChallengeAttempt" ADD COLUMN     "questionsShown" INTEGER NOT NULL DEFAULT 0;
