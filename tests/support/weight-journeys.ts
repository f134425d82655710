import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { recordJsWeight, type JsWeight } from "./js-weight";

/**
 * The journeys that page-weight figures are measured on (bench/page-weight.ts prints them all,
 * tests/e2e/page-weight.spec.ts holds the player's to its budget). Each measured screen gets a
 * fresh browser context, so its figure is what a first-time visitor downloads; the host's and the
 * players' steps are the ones a real game takes (QR link, join, lobby, question, reveal).
 */

export interface WeightPoint {
  name: string;
  gzipBytes: number;
  files: { url: string; gzipBytes: number }[];
}

/** Only contexts are needed: the bench passes one that adds its server's baseURL. */
export type ContextMaker = Pick<Browser, "newContext">;

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1280, height: 800 } };
/** Long enough for Next's viewport prefetches, which a visitor's browser fetches too. */
const SETTLE_MS = 1500;

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await page.waitForTimeout(SETTLE_MS);
}

async function measured(
  browser: ContextMaker,
  options: Parameters<Browser["newContext"]>[0],
): Promise<{ context: BrowserContext; page: Page; weight: JsWeight }> {
  const context = await browser.newContext(options);
  const weight = recordJsWeight(context);
  return { context, page: await context.newPage(), weight };
}

async function point(name: string, weight: JsWeight): Promise<WeightPoint> {
  return { name, ...(await weight.snapshot()) };
}

/** A new host account; returns its signed-in context (not measured). */
export async function signedInHost(browser: ContextMaker): Promise<BrowserContext> {
  const context = await browser.newContext(LAPTOP);
  const page = await context.newPage();
  await page.goto("/signup");
  await page.locator('input[name="name"]').fill("Weight Host");
  await page.locator('input[name="email"]').fill(`weight-${Date.now()}@example.test`);
  await page.locator('input[name="password"]').fill("correct horse battery");
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signup"));
  await page.close();
  return context;
}

/** Creates a room of `questions` built-in questions, optionally with a coding round first. */
export async function createRoom(
  host: BrowserContext,
  questions: number,
  coding = false,
): Promise<string> {
  const page = await host.newPage();
  await page.goto("/host");
  await page.locator('input[name="questionCount"]').fill(String(questions));
  if (coding) {
    await page.getByTestId("coding-add").click();
    await page.getByTestId("coding-afterQuestion").fill("0");
    await page.getByTestId("coding-variant").selectOption("scratch");
    await page.getByTestId("coding-trainingBudget").fill("5000");
  }
  await page.getByTestId("create-room").click();
  await page.waitForURL(/\/host\/[A-Z0-9]{6}$/);
  const code = (await page.getByTestId("room-code").innerText()).trim();
  await page.close();
  return code;
}

/** A phone opens the room's QR link, joins, and waits in the lobby: the JS before a question. */
export async function playerBeforeQuestion(
  browser: ContextMaker,
  code: string,
  nickname: string,
  extra: Parameters<Browser["newContext"]>[0] = {},
): Promise<{ page: Page; weight: JsWeight; before: WeightPoint }> {
  const { page, weight } = await measured(browser, { ...PHONE, ...extra });
  await page.goto(`/play?code=${code}`);
  await page.locator('input[name="nickname"]').fill(nickname);
  await page.getByTestId("join-submit").click();
  await expect(page.getByTestId("player-screen")).toHaveAttribute("data-phase", "lobby");
  await settle(page);
  return { page, weight, before: await point("player: join to lobby (before a question)", weight) };
}

async function answerFirstChoice(page: Page): Promise<void> {
  await expect(page.getByTestId("player-screen")).toHaveAttribute("data-phase", "question");
  const choice = page.getByTestId("answer-0").or(page.getByTestId("answer-true")).first();
  await choice.click();
  const submit = page.getByTestId("answer-submit");
  if (await submit.isVisible()) await submit.click();
}

/** Every figure the bench reports, from one quiz game and one coding round. */
export async function measureAll(browser: ContextMaker, board = "scratch"): Promise<WeightPoint[]> {
  const points: WeightPoint[] = [];

  const home = await measured(browser, PHONE);
  await home.page.goto("/");
  await settle(home.page);
  points.push(await point("home (/)", home.weight));
  await home.context.close();

  const hostAccount = await signedInHost(browser);
  const code = await createRoom(hostAccount, 1);
  const host = await measured(browser, {
    ...LAPTOP,
    storageState: await hostAccount.storageState(),
  });
  await host.page.goto(`/host/${code}`);
  await expect(host.page.getByTestId("host-screen")).toHaveAttribute("data-phase", "lobby");
  await settle(host.page);
  points.push(await point("host: lobby", host.weight));

  const player = await playerBeforeQuestion(browser, code, "Ada");
  points.push(player.before);
  await host.page.getByTestId("host-start").click();
  await answerFirstChoice(player.page);
  await expect(host.page.getByTestId("host-screen")).toHaveAttribute("data-phase", "reveal");
  await expect(player.page.getByTestId("my-result")).toBeVisible();
  await settle(host.page);
  points.push(await point("host: through the reveal", host.weight));
  points.push(await point("player: through the reveal", player.weight));

  await host.page.getByTestId("host-next").click();
  await expect(host.page.getByTestId("host-screen")).toHaveAttribute("data-phase", "leaderboard");
  await host.page.getByTestId("host-next").click();
  await expect(host.page.getByTestId("host-screen")).toHaveAttribute("data-phase", "podium");
  await settle(host.page);
  points.push(await point("host: through the podium", host.weight));
  await Promise.all([host.context.close(), player.page.context().close()]);

  const results = await measured(browser, PHONE);
  await results.page.goto(`/results/${code}`);
  await settle(results.page);
  points.push(await point(`results (/results/${code})`, results.weight));
  await results.context.close();

  const boards = await measured(browser, LAPTOP);
  await boards.page.goto(`/boards/${board}`);
  await settle(boards.page);
  points.push(await point(`board (/boards/${board})`, boards.weight));
  await boards.context.close();

  // Authoring: the set list, then a new set with one question open in the editor and its preview.
  const author = await measured(browser, {
    ...LAPTOP,
    storageState: await hostAccount.storageState(),
  });
  await author.page.goto("/sets");
  await settle(author.page);
  points.push(await point("host: question sets (/sets)", author.weight));
  await author.context.close();
  points.push(await authoringPoint(browser, hostAccount));

  // The lab: the player's JS once a coding round has started and its worker is up (TF.js).
  const labCode = await createRoom(hostAccount, 1, true);
  const labHost = await hostAccount.newPage();
  await labHost.goto(`/host/${labCode}`);
  const coder = await playerBeforeQuestion(browser, labCode, "Grace", LAPTOP);
  await labHost.getByTestId("host-start").click();
  await expect(coder.page.getByTestId("lab")).toBeVisible();
  await expect(coder.page.getByTestId("lab-backend")).not.toHaveAttribute("data-backend", "", {
    timeout: 60_000,
  });
  await settle(coder.page);
  points.push(await point("player: in a coding round (lab ready)", coder.weight));
  await Promise.all([coder.page.context().close(), hostAccount.close()]);
  return points;
}

/** The authoring page (/sets/new) with one multiple-choice question in the editor and preview. */
export async function authoringPoint(
  browser: ContextMaker,
  hostAccount: BrowserContext,
): Promise<WeightPoint> {
  const { context, page, weight } = await measured(browser, {
    ...LAPTOP,
    storageState: await hostAccount.storageState(),
  });
  await page.goto("/sets/new");
  await page.getByTestId("add-type").selectOption("multiple");
  await page.getByTestId("add-question").click();
  await expect(page.getByTestId("set-preview")).toBeVisible();
  await settle(page);
  const result = await point("host: authoring (/sets/new, a question open)", weight);
  await context.close();
  return result;
}
