import { z } from "zod";
import { CODING_VARIANTS } from "../coding/round";
import { SetIdSchema } from "../contract/question-sets";
import { BOARD_WINDOWS } from "./windows";

/**
 * What a board request may ask for, as the one schema the API route and the page both parse the
 * query string with. Anything it refuses (a negative page, a 10,000-row page, an unknown board,
 * window or scope, a malformed set id, a scope its board does not have) is a typed 400 naming the
 * fields; nothing is clamped silently, so a client learns what it got wrong.
 */
export const BOARD_KINDS = ["quiz", "coding", "combined"] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export const BOARD_SCOPES = ["everyone", "set", "variant"] as const;
export type BoardScopeKind = (typeof BOARD_SCOPES)[number];

/**
 * Which scopes each board has. A question set scopes quiz points (answers to that set's
 * questions); a coding variant scopes coding scores; the combined board is everyone's only, since
 * a set has no coding rounds and a variant no questions.
 */
export const SCOPES_OF: Record<BoardKind, readonly BoardScopeKind[]> = {
  quiz: ["everyone", "set"],
  coding: ["everyone", "variant"],
  combined: ["everyone"],
};

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
export const MAX_SEARCH_LENGTH = 50;

export type BoardScope =
  | { kind: "everyone" }
  | { kind: "set"; setId: string }
  | { kind: "variant"; variant: (typeof CODING_VARIANTS)[number] };

/** Digits only, so "1e3", " 2" and "2.0" are refused rather than read as numbers. */
const wholeNumber = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number);

export const BoardParamsSchema = z
  .object({
    board: z.enum(BOARD_KINDS).default("combined"),
    window: z.enum(BOARD_WINDOWS).default("all"),
    scope: z.enum(BOARD_SCOPES).default("everyone"),
    set: SetIdSchema.optional(),
    variant: z.enum(CODING_VARIANTS).optional(),
    page: wholeNumber.pipe(z.number().int().min(1)).default(1),
    pageSize: wholeNumber
      .pipe(z.number().int().min(1).max(MAX_PAGE_SIZE))
      .default(DEFAULT_PAGE_SIZE),
    /** Part of a display name, case-insensitive; blank means no search. */
    q: z.string().max(MAX_SEARCH_LENGTH).optional(),
  })
  .superRefine((p, ctx) => {
    if (!SCOPES_OF[p.board].includes(p.scope))
      ctx.addIssue({
        code: "custom",
        path: ["scope"],
        message: `no ${p.scope} scope on ${p.board}`,
      });
    if (p.scope === "set" && p.set === undefined)
      ctx.addIssue({ code: "custom", path: ["set"], message: "a set scope needs a set id" });
    if (p.scope === "variant" && p.variant === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["variant"],
        message: "a variant scope needs a variant",
      });
  })
  .transform((p) => ({
    board: p.board,
    window: p.window,
    scope: scopeOf(p),
    page: p.page,
    pageSize: p.pageSize,
    q: p.q?.trim() || null,
  }));
export type BoardParams = z.infer<typeof BoardParamsSchema>;

function scopeOf(p: {
  scope: BoardScopeKind;
  set?: string;
  variant?: (typeof CODING_VARIANTS)[number];
}): BoardScope {
  if (p.scope === "set") return { kind: "set", setId: p.set! };
  if (p.scope === "variant") return { kind: "variant", variant: p.variant! };
  return { kind: "everyone" };
}

/**
 * Parses a query string. A parameter given twice is refused (which one would count?); unknown
 * parameters are ignored, as the old /api/boards/:variant ignores a `floor`.
 */
export function parseBoardParams(
  search: URLSearchParams,
): { ok: true; params: BoardParams } | { ok: false; fields: string[] } {
  const raw: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const [key, value] of search) {
    if (key in raw) repeated.add(key);
    raw[key] = value;
  }
  const parsed = BoardParamsSchema.safeParse(raw);
  const fields = new Set(repeated);
  if (!parsed.success)
    for (const issue of parsed.error.issues) fields.add(String(issue.path[0] ?? "query"));
  if (fields.size > 0 || !parsed.success) return { ok: false, fields: [...fields].sort() };
  return { ok: true, params: parsed.data };
}

/** The query string of a board view (the page's links), defaults left out. */
export function boardSearch(p: {
  board: BoardKind;
  window: (typeof BOARD_WINDOWS)[number];
  scope: BoardScope;
  page?: number;
  pageSize?: number;
  q?: string | null;
}): string {
  const s = new URLSearchParams();
  s.set("board", p.board);
  s.set("window", p.window);
  if (p.scope.kind !== "everyone") s.set("scope", p.scope.kind);
  if (p.scope.kind === "set") s.set("set", p.scope.setId);
  if (p.scope.kind === "variant") s.set("variant", p.scope.variant);
  if (p.page && p.page > 1) s.set("page", String(p.page));
  if (p.pageSize && p.pageSize !== DEFAULT_PAGE_SIZE) s.set("pageSize", String(p.pageSize));
  if (p.q) s.set("q", p.q);
  return s.toString();
}
