import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuestionSetDetailView, QuestionSetView } from "@/lib/contract/question-sets";
import { exportQuestionSetCsv } from "@/lib/question-sets/csv";
import { QuestionSetDraftSchema } from "@/lib/question-sets/schema";
import { startHttpApp, type HttpApp } from "../support/http-app";
import { draftInput } from "../support/set-drafts";

/**
 * app/api/sets/* through the app's HTTP stack (Origin guard, the custom server's router that
 * leaves these paths to Next, the route modules) on real Postgres, signed in by session cookie.
 */
const draft = QuestionSetDraftSchema.parse(draftInput());

describe("question set API", () => {
  let app: HttpApp;
  let owner: { id: string; cookie: string };
  let other: { id: string; cookie: string };

  beforeAll(async () => {
    app = await startHttpApp();
    owner = await app.createUser("Owner");
    other = await app.createUser("Other");
  });
  afterAll(async () => {
    await app?.close();
  });

  async function call(
    method: string,
    path: string,
    opts: { cookie?: string; body?: unknown; type?: string } = {},
  ) {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.body === undefined ? {} : { "content-type": opts.type ?? "application/json" }),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    // ignoreBOM: keep the byte-order mark a CSV export starts with (text() would drop it).
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    const type = response.headers.get("content-type") ?? "";
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: (type.startsWith("application/json") ? JSON.parse(text) : null) as {
        ok: boolean;
        data?: unknown;
        error?: string;
        issues?: { row?: number; line?: number; field: string; message: string }[];
      } | null,
    };
  }
  const create = async (visibility = "private") => {
    const made = await call("POST", "/api/sets", {
      cookie: owner.cookie,
      body: { set: draft, visibility },
    });
    expect(made.status).toBe(201);
    return made.json!.data as QuestionSetView;
  };

  it("creates, reads, exports and re-imports a set; the copy is identical", async () => {
    const set = await create();
    expect(set).toMatchObject({
      canEdit: true,
      visibility: "private",
      questionCount: 6,
      revision: 1,
    });
    const read = await call("GET", `/api/sets/${set.id}`, { cookie: owner.cookie });
    const detail = read.json!.data as QuestionSetDetailView;
    expect(detail.questions.map((q) => q.question)).toEqual(draft.questions);

    for (const format of ["json", "csv"] as const) {
      const file = await call("GET", `/api/sets/${set.id}/export?format=${format}`, {
        cookie: owner.cookie,
      });
      expect(file.status).toBe(200);
      expect(file.headers.get("content-disposition")).toBe(
        `attachment; filename="question-set-${set.id}.${format}"`,
      );
      const meta = {
        title: draft.title,
        description: draft.description,
        language: draft.language,
        tags: draft.tags,
        source: draft.source,
      };
      const body = { format, content: file.text, ...(format === "csv" ? { meta } : {}) };
      const preview = await call("POST", "/api/sets/import", {
        cookie: other.cookie,
        body: { ...body, dryRun: true },
      });
      expect(preview.json).toMatchObject({
        ok: true,
        data: { questionCount: 6, byType: { single: 1, multiple: 1 } },
      });
      const imported = await call("POST", "/api/sets/import", { cookie: other.cookie, body });
      expect(imported.status).toBe(201);
      const copy = (imported.json!.data as QuestionSetView).id;
      const again = await call("GET", `/api/sets/${copy}/export?format=${format}`, {
        cookie: other.cookie,
      });
      expect(again.text).toBe(file.text);
    }
    // The CSV export escaped its formula-looking cell.
    const csv = await call("GET", `/api/sets/${set.id}/export?format=csv`, {
      cookie: owner.cookie,
    });
    expect(csv.text).toContain(",'=Quantization,");
    expect(csv.text).toBe(exportQuestionSetCsv(draft.questions));
  });

  it("a private set is 404 to others, by every route; a public one is 403 to edit", async () => {
    const set = await create();
    const save = { set: draft, revision: 1 };
    for (const [method, path, body] of [
      ["GET", `/api/sets/${set.id}`, undefined],
      ["GET", `/api/sets/${set.id}/export?format=csv`, undefined],
      ["PUT", `/api/sets/${set.id}`, save],
      ["DELETE", `/api/sets/${set.id}`, undefined],
      ["POST", `/api/sets/${set.id}/duplicate`, undefined],
    ] as const) {
      const answer = await call(method, path, { cookie: other.cookie, body });
      expect([method, path, answer.status, answer.json]).toEqual([
        method,
        path,
        404,
        { ok: false, error: "QUESTION_SET_NOT_FOUND" },
      ]);
    }
    // Signed out, the same: not found.
    expect((await call("GET", `/api/sets/${set.id}`)).status).toBe(404);
    const listed = await call("GET", "/api/sets?limit=200", { cookie: other.cookie });
    expect((listed.json!.data as QuestionSetView[]).map((s) => s.id)).not.toContain(set.id);

    const published = await call("PUT", `/api/sets/${set.id}`, {
      cookie: owner.cookie,
      body: { ...save, visibility: "public" },
    });
    expect(published.json).toMatchObject({ ok: true, data: { visibility: "public", revision: 2 } });
    const edit = await call("PUT", `/api/sets/${set.id}`, {
      cookie: other.cookie,
      body: { set: draft, revision: 2 },
    });
    expect([edit.status, edit.json]).toEqual([403, { ok: false, error: "SET_FORBIDDEN" }]);
    // Seen (public) but not owned: deleting is refused too, and the set stays.
    const drop = await call("DELETE", `/api/sets/${set.id}`, { cookie: other.cookie });
    expect([drop.status, drop.json]).toEqual([403, { ok: false, error: "SET_FORBIDDEN" }]);
    expect((await call("GET", `/api/sets/${set.id}`, { cookie: other.cookie })).status).toBe(200);
    const stale = await call("PUT", `/api/sets/${set.id}`, { cookie: owner.cookie, body: save });
    expect([stale.status, stale.json]).toEqual([409, { ok: false, error: "SET_STALE" }]);
    const copy = await call("POST", `/api/sets/${set.id}/duplicate`, { cookie: other.cookie });
    expect(copy.json).toMatchObject({
      ok: true,
      data: { canEdit: true, visibility: "private", copiedFromId: set.id },
    });
    expect((await call("DELETE", `/api/sets/${set.id}`, { cookie: owner.cookie })).json).toEqual({
      ok: true,
      data: { hidden: false },
    });
    expect((await call("GET", `/api/sets/${set.id}`, { cookie: owner.cookie })).status).toBe(404);
  });

  it("refuses bad requests with a typed error and writes nothing", async () => {
    const count = () => app.db.prisma.questionSet.count();
    const before = await count();
    const anonymous = await call("POST", "/api/sets", { body: { set: draft } });
    expect([anonymous.status, anonymous.json]).toEqual([
      401,
      { ok: false, error: "UNAUTHENTICATED" },
    ]);
    const notJson = await call("POST", "/api/sets", {
      cookie: owner.cookie,
      body: { set: draft },
      type: "text/plain",
    });
    expect(notJson.status).toBe(415);
    const noCorrect = { ...draft, questions: [{ ...draft.questions[1]!, correct: [] }] };
    const bad = await call("POST", "/api/sets", { cookie: owner.cookie, body: { set: noCorrect } });
    expect([bad.status, bad.json]).toEqual([
      400,
      {
        ok: false,
        error: "INVALID_PAYLOAD",
        issues: [
          { field: "set.questions[0].correct", message: "at least one option must be correct" },
        ],
      },
    ]);
    const csv =
      'type,topic,difficulty,prompt_en,option_1_en,option_2_en,correct,explanation_en\nsingle,t,1,"=HYPERLINK(""x"")",A,B,1,E\n';
    const injected = await call("POST", "/api/sets/import", {
      cookie: owner.cookie,
      body: { format: "csv", content: csv, meta: { title: { en: "T" }, language: "en" } },
    });
    expect([
      injected.status,
      injected.json?.error,
      injected.json?.issues?.map((i) => [i.row, i.field]),
    ]).toEqual([422, "IMPORT_INVALID", [[2, "prompt_en"]]]);
    const huge = await fetch(`${app.url}/api/sets/import`, {
      method: "POST",
      headers: { cookie: owner.cookie, "content-type": "application/json" },
      body: JSON.stringify({ format: "csv", content: "x".repeat(50 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect((await call("GET", "/api/sets/not-an-id!", { cookie: owner.cookie })).status).toBe(404);
    expect((await call("GET", "/api/sets?limit=10000")).status).toBe(400);
    expect(await count()).toBe(before);
  });
});
