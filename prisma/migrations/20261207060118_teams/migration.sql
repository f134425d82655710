-- AlterTable
ALTER TABLE "Result" ADD COLUMN     "team" INTEGER;

-- CreateTable
CREATE TABLE "TeamResult" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "team" INTEGER NOT NULL,
    "color" TEXT NOT NULL,
    "name" TEXT,
    "members" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "rank" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TeamResult_roomId_team_key" ON "TeamResult"("roomId", "team");

-- AddForeignKey
ALTER TABLE "TeamResult" ADD CONSTRAINT "TeamResult_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
