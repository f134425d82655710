import { z } from "zod";
import type { ImportIssue } from "../question-sets/issues";
import {
  QuestionSetDraftSchema,
  SetMetaSchema,
  VisibilitySchema,
  type SetLanguage,
  type SetQuestion,
  type SetText,
  type Visibility,
} from "../question-sets/schema";
import type { ErrorCode } from "./errors";

/**
 * The question-set HTTP API's bodies (app/api/sets/*). Requests are zod schemas; responses are
 * `{ ok: true, data } | { ok: false, error, issues? }` with `issues` naming each bad field or row.
 *
 *   GET    /api/sets?mine=1&limit=&offset=   -> QuestionSetView[]   (own sets and public ones)
 *   POST   /api/sets                         CreateSetBody -> QuestionSetView (201)
 *   GET    /api/sets/:id                     -> QuestionSetDetailView (404 when not visible)
 *   PUT    /api/sets/:id                     UpdateSetBody -> QuestionSetView
 *   DELETE /api/sets/:id                     -> { hidden }
 *   POST   /api/sets/:id/duplicate           -> QuestionSetView (201)
 *   GET    /api/sets/:id/export?format=json|csv  -> the file (Content-Disposition: attachment)
 *   POST   /api/sets/import                  ImportSetBody -> ImportPreview (dryRun) or QuestionSetView
 */

/** Set ids are Prisma cuids; anything else is not a set (and is answered like an unknown one). */
export const SetIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/);

export const CreateSetBodySchema = z.object({
  set: QuestionSetDraftSchema,
  visibility: VisibilitySchema.default("private"),
});
export type CreateSetBody = z.input<typeof CreateSetBodySchema>;

export const UpdateSetBodySchema = z.object({
  set: QuestionSetDraftSchema,
  visibility: VisibilitySchema.optional(),
  /** The revision the editor loaded: a save on top of someone else's is refused (SET_STALE). */
  revision: z.number().int().min(1),
});
export type UpdateSetBody = z.input<typeof UpdateSetBodySchema>;

export const ListSetsQuerySchema = z.object({
  mine: z.enum(["0", "1"]).default("0"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** The uploaded file's text travels in a JSON body (a browser reads the file first). */
export const ImportSetBodySchema = z.object({
  format: z.enum(["json", "csv"]),
  content: z.string(),
  /** CSV only: the set's title, language and tags (a CSV file holds questions only). */
  meta: SetMetaSchema.partial().optional(),
  visibility: VisibilitySchema.default("private"),
  /** Check and describe what would be created, and write nothing. */
  dryRun: z.boolean().default(false),
});
export type ImportSetBody = z.input<typeof ImportSetBodySchema>;

export const ExportQuerySchema = z.object({ format: z.enum(["json", "csv"]).default("json") });

export interface QuestionSetView {
  id: string;
  title: SetText;
  description: SetText;
  language: SetLanguage;
  tags: string[];
  visibility: Visibility;
  source: string;
  builtIn: boolean;
  /** The viewer owns it (and it is not the built-in bank): the editor may save and delete. */
  canEdit: boolean;
  copiedFromId: string | null;
  revision: number;
  questionCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface QuestionSetDetailView extends QuestionSetView {
  questions: { id: string; question: SetQuestion }[];
}

/** What an import would create: shown to the host before anything is written. */
export interface ImportPreview {
  /** The new set's title: the file's, numbered "(2)" when one of your sets already has it. */
  title: SetText;
  /** The file's own title, present only when the import renamed it. */
  renamedFrom?: SetText;
  visibility: Visibility;
  language: SetLanguage;
  questionCount: number;
  byType: Record<string, number>;
  topics: string[];
}

export type SetApiResult<T> =
  { ok: true; data: T } | { ok: false; error: ErrorCode; issues?: ImportIssue[] };
