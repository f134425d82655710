-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "metTarget" BOOLEAN;
