import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportPreview, QuestionSetView } from "@/lib/contract/question-sets";
import { exportQuestionSetJson } from "@/lib/question-sets/json-format";
import { QuestionSetDraftSchema } from "@/lib/question-sets/schema";
import { startHttpApp, type HttpApp } from "../support/http-app";
import { draftInput } from "../support/set-drafts";

/**
 * POST /api/sets/import through the app's HTTP stack on real Postgres: the issue's list of bad
 * inputs each answered 422 with the row and field to fix, and not one row written; the importer
 * chooses the new set's visibility (private by default); a title the importer already uses is
 * numbered instead of giving two sets nobody can tell apart.
 */
const draft = QuestionSetDraftSchema.parse(draftInput());
const EN = { title: { en: "Imported" }, language: "en" };
const HEADER =
  "type,topic,difficulty,prompt_en,option_1_en,option_2_en,option_3_en,correct,tolerance,explanation_en";
/** A good single-choice row, then the row under test: every file below is bad in one place. */
const GOOD = "single,t,1,Fine?,A,B,,1,,E";

interface Answer {
  status: number;
  body: {
    ok: boolean;
    data?: unknown;
    error?: string;
    issues?: { row?: number; line?: number; field: string; message: string }[];
  };
}

describe("question set import over HTTP", () => {
  let app: HttpApp;
  let owner: { id: string; cookie: string };
  let other: { id: string; cookie: string };

  beforeAll(async () => {
    app = await startHttpApp();
    owner = await app.createUser("Importer");
    other = await app.createUser("Someone else");
  });
  afterAll(async () => {
    await app?.close();
  });

  async function importFile(cookie: string, body: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(`${app.url}/api/sets/import`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  }
  const rowsWritten = async () => ({
    sets: await app.db.prisma.questionSet.count(),
    questions: await app.db.prisma.question.count(),
  });

  it("refuses every bad input of the issue's list with its row and field, writing nothing", async () => {
    const csv = (row: string, newline = "\n") => [HEADER, GOOD, row].join(newline) + newline;
    const file = JSON.parse(exportQuestionSetJson(draft)) as {
      questions: Record<string, unknown>[];
    };
    const json = (index: number, change: Record<string, unknown>) =>
      JSON.stringify({
        ...file,
        questions: file.questions.map((q, i) => (i === index ? { ...q, ...change } : q)),
      });
    const cases: { name: string; body: Record<string, unknown>; want: [number?, string?][] }[] = [
      {
        name: "BOM and CRLF with a bad row",
        body: {
          format: "csv",
          content: `\uFEFF${csv("single,t,1,Q,A,B,,7,,E", "\r\n")}`,
          meta: EN,
        },
        want: [[3, "correct"]],
      },
      {
        name: "a quoted newline before a bad cell (row 3 starts on line 3, ends on 4)",
        body: { format: "csv", content: csv('single,t,1,"Two\nlines",A,A,,1,,E'), meta: EN },
        want: [[3, "option_2_en"]],
      },
      {
        name: "formula injection",
        body: {
          format: "csv",
          content: csv('single,t,1,"=HYPERLINK(""http://x.example"",""go"")",A,B,,1,,E'),
          meta: EN,
        },
        want: [[3, "prompt_en"]],
      },
      {
        name: "an unknown column",
        body: { format: "csv", content: `${HEADER},points\n${GOOD},10\n`, meta: EN },
        want: [[1, "points"]],
      },
      {
        name: "no correct option",
        body: { format: "csv", content: csv("multiple,t,1,Q,A,B,,,,E"), meta: EN },
        want: [[3, "correct"]],
      },
      {
        name: "an ordering question with one item",
        body: { format: "csv", content: csv("ordering,t,1,Q,Only,,,,,E"), meta: EN },
        want: [[3, "options"]],
      },
      {
        name: "a numeric question with a non-finite tolerance",
        body: { format: "csv", content: csv("numeric,t,1,Q,,,,3,Infinity,E"), meta: EN },
        want: [[3, "tolerance"]],
      },
      {
        name: "duplicate option texts",
        body: { format: "csv", content: csv("single,t,1,Q,Same,same,,1,,E"), meta: EN },
        want: [[3, "option_2_en"]],
      },
      {
        name: "JSON: no correct option",
        body: { format: "json", content: json(1, { correct: [] }) },
        want: [[2, "correct"]],
      },
      {
        name: "JSON: an ordering question with one item",
        body: { format: "json", content: json(3, { items: [{ en: "a", zh: "甲" }] }) },
        want: [[4, "items"]],
      },
      {
        name: "JSON: a non-finite tolerance (1e999 parses as Infinity)",
        body: {
          format: "json",
          content: json(4, { tolerance: 0 }).replace('"tolerance":0', '"tolerance":1e999'),
        },
        want: [[5, "tolerance"]],
      },
      {
        name: "JSON: duplicate option texts",
        body: {
          format: "json",
          content: json(0, {
            options: [
              { en: "Same", zh: "同" },
              { en: "Same", zh: "异" },
            ],
          }),
        },
        want: [[1, "options[1].en"]],
      },
    ];
    const before = await rowsWritten();
    for (const { name, body, want } of cases) {
      for (const dryRun of [true, false]) {
        const answer = await importFile(owner.cookie, { ...body, dryRun });
        expect([name, answer.status, answer.body.error]).toEqual([name, 422, "IMPORT_INVALID"]);
        const got = answer.body.issues?.map((i) => [i.row, i.field]);
        expect([name, got]).toEqual([name, want]);
        for (const issue of answer.body.issues ?? []) expect(issue.message).not.toBe("");
      }
    }
    expect(await rowsWritten()).toEqual(before);

    // Row 3 of the quoted-newline file starts on line 3 of the file; the CRLF one on line 3 too.
    const quoted = await importFile(owner.cookie, cases[1]!.body);
    expect(quoted.body.issues?.[0]).toMatchObject({ row: 3, line: 3 });

    // A 50 MB upload is refused by size before it is parsed, and writes nothing either.
    const huge = await importFile(owner.cookie, {
      format: "csv",
      content: "x".repeat(50 * 1024 * 1024),
      meta: EN,
    });
    expect([huge.status, huge.body]).toEqual([413, { ok: false, error: "PAYLOAD_TOO_LARGE" }]);
    expect(await rowsWritten()).toEqual(before);
  });

  it("makes the new set private unless the importer chooses, and numbers a title already used", async () => {
    const content = exportQuestionSetJson(draft);
    const first = await importFile(owner.cookie, { format: "json", content });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ visibility: "private", title: draft.title });

    const preview = await importFile(owner.cookie, {
      format: "json",
      content,
      visibility: "unlisted",
      dryRun: true,
    });
    const renamed = { en: `${draft.title.en} (2)`, zh: `${draft.title.zh} (2)` };
    expect(preview.body.data).toMatchObject({
      title: renamed,
      renamedFrom: draft.title,
      visibility: "unlisted",
    } satisfies Partial<ImportPreview>);
    const second = await importFile(owner.cookie, {
      format: "json",
      content,
      visibility: "public",
    });
    expect(second.body.data).toMatchObject({ visibility: "public", title: renamed });

    // Another user's titles are theirs: this one keeps the file's title.
    const theirs = await importFile(other.cookie, {
      format: "json",
      content,
      visibility: "unlisted",
    });
    const theirSet = theirs.body.data as QuestionSetView;
    expect(theirSet).toMatchObject({ visibility: "unlisted", title: draft.title });
    const cleanPreview = await importFile(other.cookie, {
      format: "csv",
      content: `${HEADER}\n${GOOD}\n`,
      meta: { title: { en: "Fresh" }, language: "en" },
      dryRun: true,
    });
    expect(cleanPreview.body.data).not.toHaveProperty("renamedFrom");

    // The public copy is listed for others; the unlisted one opens by link but is not listed.
    const listed = await fetch(`${app.url}/api/sets?limit=200`, {
      headers: { cookie: other.cookie },
    });
    const ids = ((await listed.json()) as { data: QuestionSetView[] }).data.map((s) => s.id);
    expect(ids).toContain((second.body.data as QuestionSetView).id);
    expect(ids).not.toContain((first.body.data as QuestionSetView).id);

    // A bad visibility is refused like any bad body.
    const bad = await importFile(owner.cookie, { format: "json", content, visibility: "everyone" });
    expect([bad.status, bad.body.error]).toEqual([400, "INVALID_PAYLOAD"]);
  });
});
