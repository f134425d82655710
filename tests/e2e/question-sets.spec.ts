import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { expectNoAxeViolations, newPhone, signUpHost } from "./helpers";

/**
 * Authoring (issue 9, items 2 and 4): a host writes a set with one question of each of the six
 * types in both languages, sees the schema's issue on a bad field, saves, exports JSON and CSV,
 * imports the JSON again through the import screen (preview, then import) and gets the same
 * questions; a bad CSV is refused row by row; a stranger gets a 404 for the private set.
 */

const TYPES = ["single", "multiple", "truefalse", "ordering", "numeric", "text"] as const;

async function fillBoth(page: Page, testId: string, en: string, zh: string): Promise<void> {
  await page.getByTestId(`${testId}-en`).fill(en);
  await page.getByTestId(`${testId}-zh`).fill(zh);
}

async function addQuestion(page: Page, type: (typeof TYPES)[number], n: number): Promise<void> {
  await page.getByTestId("add-type").selectOption(type);
  await page.getByTestId("add-question").click();
  const editor = page.getByTestId("question-editor");
  await expect(editor.getByRole("heading", { level: 2 })).toHaveText(`Question ${n}`);
  await fillBoth(page, "prompt", `Prompt ${n} (${type})`, `题目 ${n}`);
  await fillBoth(page, "explanation", `Because ${n}`, `因为 ${n}`);
  if (type === "single" || type === "multiple") {
    for (let i = 0; i < 4; i++)
      await fillBoth(page, `option-${i}`, `Option ${n}.${i}`, `选项 ${n}.${i}`);
    if (type === "multiple") await page.getByTestId("correct-2").check();
  } else if (type === "truefalse") {
    await page.getByTestId("truth-false").check();
  } else if (type === "ordering") {
    for (let i = 0; i < 3; i++) await fillBoth(page, `item-${i}`, `Step ${i + 1}`, `步骤 ${i + 1}`);
  } else if (type === "numeric") {
    await page.getByTestId("numeric-answer").fill("42");
    await page.getByTestId("numeric-tolerance").fill("0.5");
    await fillBoth(page, "numeric-unit", "ms", "毫秒");
  } else {
    await page.getByTestId("accepted").fill("TensorFlow\nTF");
  }
}

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testId).click(),
  ]);
  const path = await file.path();
  return readFileSync(path, "utf8");
}

async function questionsOf(page: Page, id: string): Promise<unknown[]> {
  const response = await page.request.get(`/api/sets/${id}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { data: { questions: { question: unknown }[] } };
  return body.data.questions.map((q) => q.question);
}

const setIdOf = (page: Page) => new URL(page.url()).pathname.split("/").pop() ?? "";

test("a host writes a set of all six types, exports it and imports it again as the same set", async ({
  page,
  browser,
}) => {
  await signUpHost(page, "Set Author");
  await page.getByTestId("nav-sets").click();
  await page.getByTestId("new-set").click();
  await page.waitForURL(/\/sets\/new$/);

  await fillBoth(page, "set-title", "Six kinds", "六种题型");
  await page.getByTestId("set-tags").fill("e2e, six-types");
  for (const [i, type] of TYPES.entries()) await addQuestion(page, type, i + 1);

  // A bad field: the server's schema speaks under it once it is left, and a save is refused.
  const time = page.getByTestId("question-time");
  await time.fill("2");
  await time.blur();
  await expect(time).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("field-issue")).toHaveText(/must be at least 5/);
  // Leaving with unsaved work asks first; "Cancel" keeps the page.
  page.once("dialog", (dialog) => void dialog.dismiss());
  await page.getByRole("link", { name: /All question sets/ }).click();
  await expect(page).toHaveURL(/\/sets\/new$/);
  await page.getByTestId("set-save").click();
  await expect(page.getByTestId("set-status")).toContainText("Fix the 1 problems");
  await time.fill("30");
  await expect(page.getByTestId("field-issue")).toHaveCount(0);

  await page.getByTestId("set-save").click();
  await page.waitForURL(/\/sets\/[a-z0-9]{10,40}$/);
  const id = setIdOf(page);
  const saved = await questionsOf(page, id);
  expect(saved.map((q) => (q as { type: string }).type)).toEqual([...TYPES]);

  const json = await download(page, "export-json");
  expect((JSON.parse(json) as { questions: unknown[] }).questions).toHaveLength(6);
  const csv = Papa.parse<Record<string, string>>(await download(page, "export-csv"), {
    header: true,
    skipEmptyLines: true,
  });
  expect(csv.data.map((row) => row.type)).toEqual([...TYPES]);

  // Import the exported JSON as a new set: preview first, then import.
  await page.goto("/sets");
  const file = page.getByTestId("import-file");
  await file.setInputFiles({
    name: "six.json",
    mimeType: "application/json",
    buffer: Buffer.from(json),
  });
  await page.getByTestId("import-check").click();
  await expect(page.getByTestId("import-preview")).toContainText("6 questions");
  await page.getByTestId("import-run").click();
  await page.waitForURL(
    (url) => /\/sets\/[a-z0-9]{10,40}$/.test(url.pathname) && !url.pathname.endsWith(id),
  );
  expect(await questionsOf(page, setIdOf(page))).toEqual(saved);

  // A bad CSV: every bad row is listed with its line, and nothing can be imported.
  await page.goto("/sets");
  const bad =
    "type,topic,difficulty,prompt_en,correct\nsingle,x,1,No options,1\nnumeric,x,9,Bad,1\n";
  await file.setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByTestId("import-language").selectOption("en");
  await page.getByTestId("import-title-en").fill("Bad");
  await page.getByTestId("import-check").click();
  const issues = page.getByTestId("import-issues");
  await expect(issues).toContainText("Nothing was imported");
  await expect(issues.locator("tbody tr").filter({ hasText: /^2/ }).first()).toBeVisible();
  await expect(issues.locator("tbody tr").filter({ hasText: /^3/ }).first()).toBeVisible();
  await expect(page.getByTestId("import-run")).toBeDisabled();

  // A stranger cannot tell the private set exists.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await signUpHost(other, "Stranger");
  const response = await other.goto(`/sets/${id}`);
  expect(response?.status()).toBe(404);
  expect((await other.request.get(`/api/sets/${id}`)).status()).toBe(404);
  await stranger.close();
});

test("the set pages have no axe violations, on a laptop and a 390 px phone", async ({
  page,
  browser,
}) => {
  test.slow();
  await signUpHost(page, "Axe Author");
  await page.goto("/sets");
  await expectNoAxeViolations(page, "set list");
  await page.goto("/sets/new");
  await page.getByTestId("add-type").selectOption("multiple");
  await page.getByTestId("add-question").click();
  await page.getByTestId("question-time").fill("1");
  await page.getByTestId("question-time").blur();
  await expect(page.getByTestId("field-issue")).toBeVisible();
  await expectNoAxeViolations(page, "set editor with an issue shown");

  const phone = await newPhone(browser);
  await phone.goto("/sets");
  // The built-in bank, read-only for everyone: "duplicate to edit" is offered to signed-in hosts.
  await phone.getByTestId("public-sets").getByRole("link").first().click();
  await expect(phone.getByTestId("set-editor")).toBeVisible();
  await expectNoAxeViolations(phone, "built-in set on a phone");
  await phone.context().close();
});
