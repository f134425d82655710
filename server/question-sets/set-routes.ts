import type { z } from "zod";
import type { ErrorCode } from "@/lib/contract/errors";
import {
  CreateSetBodySchema,
  ExportQuerySchema,
  ImportSetBodySchema,
  ListSetsQuerySchema,
  SetIdSchema,
  UpdateSetBodySchema,
  type ImportPreview,
  type QuestionSetDetailView,
  type QuestionSetView,
  type SetApiResult,
} from "@/lib/contract/question-sets";
import { exportQuestionSetCsv, importQuestionSetCsv } from "@/lib/question-sets/csv";
import { fieldPath, type ImportIssue, type ImportResult } from "@/lib/question-sets/issues";
import { exportQuestionSetJson, importQuestionSetJson } from "@/lib/question-sets/json-format";
import type { QuestionSetDraft } from "@/lib/question-sets/schema";
import { distinctTitle } from "@/lib/question-sets/titles";
import { readCappedText } from "../http/web-body";
import type {
  QuestionSetRecord,
  QuestionSetRepository,
  QuestionSetWithQuestions,
  SetRefusal,
} from "../repositories/types";

/**
 * The question-set API (lib/contract/question-sets.ts) as plain Web Request -> Response functions:
 * app/api/sets/* route handlers call them with the app context, tests call them directly. Every
 * body is parsed first; a refusal writes nothing. A set the caller may not see is answered 404,
 * like one that does not exist.
 */
export interface SetRouteDeps {
  questionSets: QuestionSetRepository;
  /** The signed-in user's id from the session cookie, or null. */
  viewer(request: Request): Promise<string | null>;
}

/** A full set as JSON is a few MB at the 2,000-question cap; an import carries a 5 MB file escaped. */
const MAX_SET_BODY = 8 * 1024 * 1024;
const MAX_IMPORT_BODY = 12 * 1024 * 1024;

const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_PAYLOAD: 400,
  UNAUTHENTICATED: 401,
  SET_FORBIDDEN: 403,
  SET_READ_ONLY: 403,
  QUESTION_SET_NOT_FOUND: 404,
  SET_STALE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMPORT_INVALID: 422,
};

const REFUSAL: Record<SetRefusal, ErrorCode> = {
  NOT_FOUND: "QUESTION_SET_NOT_FOUND",
  FORBIDDEN: "SET_FORBIDDEN",
  READ_ONLY: "SET_READ_ONLY",
  STALE_REVISION: "SET_STALE",
};

export function createSetRoutes(deps: SetRouteDeps) {
  const sets = deps.questionSets;

  async function list(request: Request): Promise<Response> {
    const query = ListSetsQuerySchema.safeParse(
      Object.fromEntries(new URL(request.url).searchParams),
    );
    if (!query.success) return invalid(query.error);
    const viewer = await deps.viewer(request);
    const { mine, limit, offset } = query.data;
    const rows = await sets.listVisible(viewer, { mine: mine === "1", limit, offset });
    return send({ ok: true, data: rows.map((row) => view(row, viewer)) });
  }

  async function get(request: Request, id: string): Promise<Response> {
    const found = await visible(request, id);
    return found.ok ? send({ ok: true, data: detail(found.set, found.viewer) }) : found.response;
  }

  async function create(request: Request): Promise<Response> {
    const viewer = await deps.viewer(request);
    if (!viewer) return refuse("UNAUTHENTICATED");
    const body = await jsonBody(request, MAX_SET_BODY, CreateSetBodySchema);
    if (!body.ok) return body.response;
    const row = await sets.create(viewer, body.data.set, body.data.visibility);
    return send({ ok: true, data: view(row, viewer) }, 201);
  }

  async function update(request: Request, id: string): Promise<Response> {
    const viewer = await deps.viewer(request);
    if (!viewer) return refuse("UNAUTHENTICATED");
    if (!SetIdSchema.safeParse(id).success) return refuse("QUESTION_SET_NOT_FOUND");
    const body = await jsonBody(request, MAX_SET_BODY, UpdateSetBodySchema);
    if (!body.ok) return body.response;
    const { set, visibility, revision } = body.data;
    const result = await sets.update(id, viewer, {
      draft: set,
      visibility,
      expectedRevision: revision,
    });
    return result.ok
      ? send({ ok: true, data: view(result.data, viewer) })
      : refuse(REFUSAL[result.error]);
  }

  async function remove(request: Request, id: string): Promise<Response> {
    const viewer = await deps.viewer(request);
    if (!viewer) return refuse("UNAUTHENTICATED");
    if (!SetIdSchema.safeParse(id).success) return refuse("QUESTION_SET_NOT_FOUND");
    const result = await sets.delete(id, viewer);
    return result.ok ? send({ ok: true, data: result.data }) : refuse(REFUSAL[result.error]);
  }

  async function duplicate(request: Request, id: string): Promise<Response> {
    const viewer = await deps.viewer(request);
    if (!viewer) return refuse("UNAUTHENTICATED");
    if (!SetIdSchema.safeParse(id).success) return refuse("QUESTION_SET_NOT_FOUND");
    const result = await sets.duplicate(id, viewer);
    return result.ok
      ? send({ ok: true, data: view(result.data, viewer) }, 201)
      : refuse(REFUSAL[result.error]);
  }

  async function exportSet(request: Request, id: string): Promise<Response> {
    const query = ExportQuerySchema.safeParse(
      Object.fromEntries(new URL(request.url).searchParams),
    );
    if (!query.success) return invalid(query.error);
    const found = await visible(request, id);
    if (!found.ok) return found.response;
    const draft = toDraft(found.set);
    const csv = query.data.format === "csv";
    const text = csv ? exportQuestionSetCsv(draft.questions) : exportQuestionSetJson(draft);
    return new Response(text, {
      headers: {
        "Content-Type": csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="question-set-${id}.${query.data.format}"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  }

  async function importSet(request: Request): Promise<Response> {
    const viewer = await deps.viewer(request);
    if (!viewer) return refuse("UNAUTHENTICATED");
    const body = await jsonBody(request, MAX_IMPORT_BODY, ImportSetBodySchema);
    if (!body.ok) return body.response;
    const { format, content, meta, visibility, dryRun } = body.data;
    const result: ImportResult =
      format === "json"
        ? importQuestionSetJson(content)
        : importQuestionSetCsv(content, meta ?? {});
    if (!result.ok) return send({ ok: false, error: "IMPORT_INVALID", issues: result.issues }, 422);
    const title = distinctTitle(result.set.title, await sets.ownTitles(viewer));
    const set = { ...result.set, title };
    if (dryRun) {
      const renamed = title === result.set.title ? {} : { renamedFrom: result.set.title };
      return send({ ok: true, data: { ...preview(set), ...renamed, visibility } });
    }
    const row = await sets.create(viewer, set, visibility);
    return send({ ok: true, data: view(row, viewer) }, 201);
  }

  async function visible(
    request: Request,
    id: string,
  ): Promise<
    | { ok: true; set: QuestionSetWithQuestions; viewer: string | null }
    | { ok: false; response: Response }
  > {
    if (!SetIdSchema.safeParse(id).success)
      return { ok: false, response: refuse("QUESTION_SET_NOT_FOUND") };
    const viewer = await deps.viewer(request);
    const set = await sets.get(id, viewer);
    return set
      ? { ok: true, set, viewer }
      : { ok: false, response: refuse("QUESTION_SET_NOT_FOUND") };
  }

  return { list, get, create, update, remove, duplicate, exportSet, importSet };
}

/** Exported for the /sets pages, which render the same views the API sends. */
export function view(row: QuestionSetRecord, viewer: string | null): QuestionSetView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    language: row.language,
    tags: row.tags,
    visibility: row.visibility,
    source: row.source,
    builtIn: row.builtIn,
    canEdit: !row.builtIn && viewer !== null && row.ownerId === viewer,
    copiedFromId: row.copiedFromId,
    revision: row.revision,
    questionCount: row.questionCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function detail(
  set: QuestionSetWithQuestions,
  viewer: string | null,
): QuestionSetDetailView {
  return { ...view(set, viewer), questions: set.questions };
}

function toDraft(set: QuestionSetWithQuestions): QuestionSetDraft {
  const { title, description, language, tags, source } = set;
  return {
    title,
    description,
    language,
    tags,
    source,
    questions: set.questions.map((q) => q.question),
  };
}

function preview(set: QuestionSetDraft): Omit<ImportPreview, "visibility"> {
  const byType: Record<string, number> = {};
  for (const q of set.questions) byType[q.type] = (byType[q.type] ?? 0) + 1;
  return {
    title: set.title,
    language: set.language,
    questionCount: set.questions.length,
    byType,
    topics: [...new Set(set.questions.map((q) => q.topic))],
  };
}

/** A JSON body within `maxBytes`, parsed by `schema`; otherwise the refusal to send. */
async function jsonBody<S extends z.ZodType>(
  request: Request,
  maxBytes: number,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  // A form on another site can post text/plain without a CORS preflight; JSON needs one.
  if (type !== "application/json") return { ok: false, response: refuse("UNSUPPORTED_MEDIA_TYPE") };
  const text = await readCappedText(request, maxBytes);
  if (text === null) return { ok: false, response: refuse("PAYLOAD_TOO_LARGE") };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, response: refuse("INVALID_PAYLOAD") };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, response: invalid(parsed.error) };
}

function invalid(error: z.ZodError): Response {
  const issues: ImportIssue[] = error.issues.map((issue) => ({
    field: fieldPath(issue.path),
    message: issue.message,
  }));
  return send({ ok: false, error: "INVALID_PAYLOAD", issues }, 400);
}

function refuse(error: ErrorCode): Response {
  return send({ ok: false, error }, STATUS[error] ?? 500);
}

function send<T>(result: SetApiResult<T>, status = 200): Response {
  return Response.json(result, { status });
}
