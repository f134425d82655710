-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "metTarget" BOOLEAN;

-- Backfill closed scratch rounds: their above-floor models earned 500-1000 points, below-floor
-- ones 250 (lib/model/scoring.ts), so points tell which met the round's floor. Closed shrink rounds
-- are left NULL (off the boards): the half-the-baseline size cap was not checked when they closed.
UPDATE "Submission" SET "metTarget" = ("points" >= 500) WHERE "final" AND "variant" = 'scratch';
