-- AlterTable
ALTER TABLE "Answer" ADD COLUMN     "streakBonus" INTEGER NOT NULL DEFAULT 0;
