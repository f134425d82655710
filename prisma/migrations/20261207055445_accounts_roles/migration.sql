-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PLAYER', 'HOST', 'ORGANISER', 'ADMIN');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailVerified" TIMESTAMP(3),
ADD COLUMN     "hiddenFromBoards" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "image" TEXT,
ADD COLUMN     "role" "Role" NOT NULL DEFAULT 'PLAYER',
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- Accounts made before roles could all host, so they keep that; the oldest one administers the
-- install, as the first account of a fresh install will.
UPDATE "User" SET "role" = 'HOST';
UPDATE "User" SET "role" = 'ADMIN'
WHERE "id" = (SELECT "id" FROM "User" ORDER BY "createdAt", "id" LIMIT 1);
