-- AlterTable: a nickname the host hid is shown as "Player N" on every screen, /results included.
ALTER TABLE "Player" ADD COLUMN     "hiddenAs" INTEGER;
