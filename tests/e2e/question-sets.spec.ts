import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { answerCurrentQuestion, joinRoom, newPhone, signUpHost } from "./helpers";

/**
 * Issue 9's journey, in one go: a host signs up, writes a set with one question of each of the
 * six types in both languages (a bad field is refused inline; leaving with unsaved work asks, by
 * link and by the Back button), saves it, downloads its JSON export, imports that very file as a
 * new set (preview, then import), hosts a room from a filtered, hand-picked selection of the
 * imported set, and two players see exactly those questions, in the host's order.
 */

const TYPES = ["single", "multiple", "truefalse", "ordering", "numeric", "text"] as const;
type Kind = (typeof TYPES)[number];
/** Topic and difficulty per type, so that the room's filters leave three of the six. */
const TAGS: Record<Kind, { topic: string; difficulty: "1" | "2" | "3" }> = {
  single: { topic: "graphs", difficulty: "1" },
  multiple: { topic: "graphs", difficulty: "2" },
  truefalse: { topic: "trees", difficulty: "1" },
  ordering: { topic: "graphs", difficulty: "1" },
  numeric: { topic: "graphs", difficulty: "1" },
  text: { topic: "graphs", difficulty: "3" },
};
const promptOf = (type: Kind) => `Prompt ${TYPES.indexOf(type) + 1} (${type})`;

async function fillBoth(page: Page, testId: string, en: string, zh: string): Promise<void> {
  await page.getByTestId(`${testId}-en`).fill(en);
  await page.getByTestId(`${testId}-zh`).fill(zh);
}

async function addQuestion(page: Page, type: Kind, n: number): Promise<void> {
  await page.getByTestId("add-type").selectOption(type);
  await page.getByTestId("add-question").click();
  const editor = page.getByTestId("question-editor");
  await expect(editor.getByRole("heading", { level: 2 })).toHaveText(`Question ${n}`);
  await page.getByTestId("question-topic").fill(TAGS[type].topic);
  await page.getByTestId("question-difficulty").selectOption(TAGS[type].difficulty);
  await fillBoth(page, "prompt", promptOf(type), `题目 ${n}`);
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

/** Clicks a download link and returns where the browser saved the file. */
async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testId).click(),
  ]);
  return file.path();
}

async function questionsOf(page: Page, id: string): Promise<unknown[]> {
  const response = await page.request.get(`/api/sets/${id}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { data: { questions: { question: unknown }[] } };
  return body.data.questions.map((q) => q.question);
}

const setIdOf = (page: Page) => new URL(page.url()).pathname.split("/").pop() ?? "";

test("sign up, write six types, export, import the download, host a filtered hand-picked room, two players play it in order", async ({
  page,
  browser,
}) => {
  test.slow();
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

  // Leaving with unsaved work asks first, by an in-app link and by the browser's Back button;
  // "Cancel" keeps the page and everything typed.
  // Every question the page asks is recorded; each is answered with the next planned reply.
  const asked: string[] = [];
  const replies: ("cancel" | "ok")[] = [];
  page.on("dialog", (dialog) => {
    asked.push(dialog.message());
    void (replies.shift() === "ok" ? dialog.accept() : dialog.dismiss());
  });
  replies.push("cancel");
  await page.getByRole("link", { name: /All question sets/ }).click();
  await expect(page).toHaveURL(/\/sets\/new$/);
  // Twice: after a "Cancel" the page is guarded as before.
  for (const n of [2, 3]) {
    replies.push("cancel");
    await page.goBack();
    await expect.poll(() => asked.length).toBe(n);
    await expect(page).toHaveURL(/\/sets\/new$/);
  }
  expect(asked).toEqual(Array(3).fill(expect.stringMatching(/unsaved/i)));
  await expect(page.getByTestId("set-title-en")).toHaveValue("Six kinds");
  await expect(page.getByTestId("question-list").getByRole("listitem")).toHaveCount(6);

  await page.getByTestId("set-save").click();
  await expect(page.getByTestId("set-status")).toContainText("Fix the problem marked below");
  await time.fill("30");
  await expect(page.getByTestId("field-issue")).toHaveCount(0);
  await page.getByTestId("set-save").click();
  await page.waitForURL(/\/sets\/[a-z0-9]{10,40}$/);
  const id = setIdOf(page);
  const saved = await questionsOf(page, id);
  expect(saved.map((q) => (q as { type: string }).type)).toEqual([...TYPES]);

  // Saved: Back leaves without a question (the guard's extra history entry is passed through).
  await page.getByTestId("set-tags").fill("e2e, six-types, saved-twice");
  await page.getByTestId("set-save").click();
  await expect(page.getByTestId("set-status")).toHaveText("Saved.");
  await page.goBack();
  await expect(page).not.toHaveURL(new RegExp(`/sets/${id}$`));
  expect(asked).toHaveLength(3);
  await page.goto(`/sets/${id}`);

  // Export: the JSON file as the browser downloads it, and the CSV with one row per question.
  const jsonPath = await download(page, "export-json");
  expect(
    (JSON.parse(readFileSync(jsonPath, "utf8")) as { questions: unknown[] }).questions,
  ).toHaveLength(6);
  const csv = Papa.parse<Record<string, string>>(
    readFileSync(await download(page, "export-csv"), "utf8"),
    { header: true, skipEmptyLines: true },
  );
  expect(csv.data.map((row) => row.type)).toEqual([...TYPES]);

  // Import the downloaded file as a new set: preview (renamed: this host has a "Six kinds"
  // already; private unless chosen otherwise), then import.
  await page.goto("/sets");
  await page.getByTestId("import-file").setInputFiles(jsonPath);
  await expect(page.getByTestId("import-visibility")).toHaveValue("private");
  await page.getByTestId("import-check").click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("“Six kinds (2)” with 6 questions");
  await expect(preview).toContainText("Visibility: Private");
  await expect(page.getByTestId("import-renamed")).toBeVisible();
  await page.getByTestId("import-run").click();
  await page.waitForURL(
    (url) => /\/sets\/[a-z0-9]{10,40}$/.test(url.pathname) && !url.pathname.endsWith(id),
  );
  const importedId = setIdOf(page);
  expect(await questionsOf(page, importedId)).toEqual(saved);
  await expect(page.getByTestId("set-title-en")).toHaveValue("Six kinds (2)");
  await expect(page.getByTestId("set-visibility")).toHaveValue("private");

  // Unsaved work, Back, "OK": the browser really goes back (to the set list it came from).
  await page.getByTestId("set-title-en").fill("Six kinds, edited");
  replies.push("ok");
  await page.goBack();
  await page.waitForURL(/\/sets$/);
  expect(asked).toHaveLength(4);

  // Nobody else can tell the private copy exists.
  const stranger = await (await browser.newContext()).newPage();
  expect((await stranger.goto(new URL(`/sets/${importedId}`, page.url()).href))?.status()).toBe(
    404,
  );
  expect((await stranger.request.get(`/api/sets/${importedId}`)).status()).toBe(404);
  await stranger.context().close();

  // Host a room from the imported set only: topic graphs, difficulty 1, three types ticked,
  // then the three that match picked by hand in an order of the host's own.
  await page.goto("/host");
  const sets = page.getByTestId("setup-sets");
  await sets.getByRole("checkbox", { checked: true }).uncheck();
  await sets.getByLabel(/Six kinds \(2\)/).check();
  await expect(page.getByTestId("setup-matching")).toHaveText("6 questions match");
  await page.getByRole("checkbox", { name: "graphs", exact: true }).check();
  await page.getByRole("checkbox", { name: "Difficulty 1 of 3", exact: true }).check();
  for (const type of ["Single choice", "Ordering", "Number"])
    await page.getByRole("checkbox", { name: type, exact: true }).check();
  await expect(page.getByTestId("setup-matching")).toHaveText("3 questions match");
  await page.getByRole("radio", { name: "Choose them one by one" }).check();
  const order: Kind[] = ["numeric", "single", "ordering"];
  const list = page.getByTestId("setup-questions");
  await expect(list.getByRole("checkbox")).toHaveCount(3);
  for (const type of order) await list.getByLabel(promptOf(type)).check();
  await expect(page.getByTestId("setup-will-play")).toHaveText("This room will play 3 questions.");

  await page.getByTestId("create-room").click();
  await page.waitForURL(/\/host\/[A-Z0-9]{6}$/);
  const code = (await page.getByTestId("room-code").innerText()).trim();
  const players: Page[] = [];
  for (const nickname of ["Ada", "Linus"]) {
    const phone = await newPhone(browser);
    await joinRoom(phone, code, nickname);
    players.push(phone);
  }
  await expect(page.getByTestId("lobby-player")).toHaveCount(2);

  await page.getByTestId("host-start").click();
  const screen = page.getByTestId("host-screen");
  for (const type of order) {
    await expect(screen).toHaveAttribute("data-phase", "question");
    await expect(page.locator("#question-prompt")).toHaveText(promptOf(type));
    for (const phone of players) {
      await expect(phone.locator("#question-prompt")).toHaveText(promptOf(type));
      await answerCurrentQuestion(phone);
    }
    await expect(screen).toHaveAttribute("data-phase", "reveal");
    await page.getByTestId("host-next").click();
    await expect(screen).toHaveAttribute("data-phase", "leaderboard");
    await page.getByTestId("host-next").click();
  }
  await expect(screen).toHaveAttribute("data-phase", "podium");
  for (const phone of players) await phone.context().close();

  // The setup remembers the host's last choices on this browser.
  await page.goto("/host");
  await expect(page.getByRole("radio", { name: "Choose them one by one" })).toBeChecked();
  await expect(page.getByTestId("setup-will-play")).toHaveText("This room will play 3 questions.");
});
