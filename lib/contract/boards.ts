import { z } from "zod";
import { BOARD_KINDS } from "../boards/query";
import { BOARD_WINDOWS } from "../boards/windows";
import { CODING_VARIANTS } from "../coding/round";

/**
 * GET /api/boards: one page of a persistent board (README, "Boards"). Rows carry an account's
 * display name and never its email or id; `you` is the signed-in viewer's own standing, sent
 * whether or not it is on the page (and for a viewer hidden from boards, where they would stand).
 */
export const BoardRowSchema = z.object({
  rank: z.number().int().positive(),
  name: z.string(),
  /** The board's score: quiz points, coding points, or the combined formula (lib/boards/formula). */
  score: z.number().int(),
  /** The combined board only: its parts, raw quiz and coding points in the same window. */
  quiz: z.number().int().nullable(),
  coding: z.number().int().nullable(),
  /** This row is the viewer's own. */
  you: z.boolean(),
});
export type BoardRow = z.infer<typeof BoardRowSchema>;

export const BoardYouSchema = z.object({
  rank: z.number().int().positive(),
  name: z.string(),
  score: z.number().int(),
  quiz: z.number().int().nullable(),
  coding: z.number().int().nullable(),
  /** The viewer hides from boards: the rank is where they would stand, seen by them only. */
  hidden: z.boolean(),
  /** The page (of this page size, without a search) their row is on; null when hidden. */
  page: z.number().int().positive().nullable(),
});
export type BoardYou = z.infer<typeof BoardYouSchema>;

export const BoardScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("everyone") }),
  z.object({ kind: z.literal("set"), setId: z.string() }),
  z.object({ kind: z.literal("variant"), variant: z.enum(CODING_VARIANTS) }),
]);

export const BoardPageSchema = z.object({
  board: z.enum(BOARD_KINDS),
  window: z.enum(BOARD_WINDOWS),
  scope: BoardScopeSchema,
  /** The window's bounds, [from, to); null for all-time. */
  from: z.iso.datetime().nullable(),
  to: z.iso.datetime().nullable(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  /** Rows matching the search (all shown accounts without one). */
  total: z.number().int().nonnegative(),
  rows: z.array(BoardRowSchema),
  /** Null for a guest, or an account with nothing on this board. */
  you: BoardYouSchema.nullable(),
});
export type BoardPage = z.infer<typeof BoardPageSchema>;

export const BoardPageResponseSchema = z.object({ ok: z.literal(true), data: BoardPageSchema });
export type BoardPageResponse = z.infer<typeof BoardPageResponseSchema>;
