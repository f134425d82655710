-- Question sets (issue 9): owner, language, tags, visibility, soft delete, rooms drawing on several
-- sets. A question row no longer has a unique slug per set: an edit of a played question adds a new
-- version (copy-on-write) beside the frozen old one.

-- CreateEnum
CREATE TYPE "SetVisibility" AS ENUM ('PRIVATE', 'UNLISTED', 'PUBLIC');

-- CreateEnum
CREATE TYPE "SetLanguage" AS ENUM ('zh', 'en', 'both');

-- DropIndex
DROP INDEX "Question_setId_slug_key";

-- AlterTable
ALTER TABLE "QuestionSet" ADD COLUMN     "copiedFromId" TEXT,
ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "language" "SetLanguage" NOT NULL DEFAULT 'both',
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "visibility" "SetVisibility" NOT NULL DEFAULT 'PRIVATE',
ALTER COLUMN "source" SET DEFAULT '';

-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "selection" JSONB;

-- CreateTable
CREATE TABLE "RoomQuestionSet" (
    "roomId" TEXT NOT NULL,
    "setId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "RoomQuestionSet_pkey" PRIMARY KEY ("roomId","setId")
);

-- CreateIndex
CREATE INDEX "RoomQuestionSet_setId_idx" ON "RoomQuestionSet"("setId");

-- CreateIndex
CREATE INDEX "Question_setId_slug_idx" ON "Question"("setId", "slug");

-- CreateIndex
CREATE INDEX "QuestionSet_visibility_deletedAt_idx" ON "QuestionSet"("visibility", "deletedAt");

-- CreateIndex
CREATE INDEX "QuestionSet_ownerId_deletedAt_idx" ON "QuestionSet"("ownerId", "deletedAt");

-- CreateIndex
CREATE INDEX "Room_questionIds_idx" ON "Room" USING GIN ("questionIds");

-- AddForeignKey
ALTER TABLE "RoomQuestionSet" ADD CONSTRAINT "RoomQuestionSet_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoomQuestionSet" ADD CONSTRAINT "RoomQuestionSet_setId_fkey" FOREIGN KEY ("setId") REFERENCES "QuestionSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Data: the built-in bank is public; every existing room draws on its one set.
UPDATE "QuestionSet" SET "visibility" = 'PUBLIC' WHERE "builtIn";
INSERT INTO "RoomQuestionSet" ("roomId", "setId", "position") SELECT "id", "questionSetId", 0 FROM "Room";
