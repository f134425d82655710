import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { answerCurrentQuestion, newPhone, signUpHost } from "./helpers";
import { screenGeometry } from "./layout-checks";

/**
 * A self-paced challenge whose coding round would run ten minutes: nobody hosts it, so each
 * player closes the round themselves from the lab ("I'm done", then a confirmation), and the
 * attempt goes on by itself to its podium. On a 390 px phone (the button under the submit tab)
 * and on a 1280x720 laptop (where "Keep working" first backs out of the confirmation). The host
 * makes it in the creation form, where a bad coding-round value is first refused at its field
 * and creates nothing.
 */
test("a challenge's player closes its coding round early, on a phone and on a laptop", async ({
  browser,
}) => {
  const host = await (
    await browser.newContext({ viewport: { width: 1280, height: 720 } })
  ).newPage();
  await signUpHost(host, "Round Host");
  await openChallengeForm(host);
  await host.getByLabel(/^Title$/).fill("Model afternoon");
  await host.getByLabel(/Questions \(at random\)/).fill("1");
  await host.getByLabel(/Seconds per question/).fill("20");
  // The room set-up's own coding-round fields: placed after the one question by default.
  await host.getByTestId("coding-add").click();
  const round = host.getByTestId("coding-round");
  await expect(round.getByTestId("coding-afterQuestion")).toHaveValue("1");
  await round.getByLabel("Accuracy floor (%)").fill("50");

  // A bad value first: the API's refusal is shown at that field, and nothing is created.
  await round.getByLabel("Minutes").fill("0");
  await host.getByRole("button", { name: "Create challenge" }).click();
  await expect(round.getByTestId("coding-error-durationMin")).toHaveText("Must be from 1 to 60");
  await expect(round.getByLabel("Minutes")).toHaveAttribute("aria-invalid", "true");
  await expect(round.getByLabel("Minutes")).toBeFocused();
  await expect(round.getByLabel("Minutes")).toHaveAccessibleDescription("Must be from 1 to 60");
  await expect(host.getByTestId("challenge-form").getByRole("alert")).toHaveAttribute(
    "data-error",
    "INVALID_PAYLOAD",
  );
  await expect(round.getByLabel("Accuracy floor (%)")).not.toHaveAttribute("aria-invalid");
  expect(await ownedChallengeCount(host)).toBe(0);
  await expectFormFits(host, 1280);

  await round.getByLabel("Minutes").fill("10");
  await host.getByRole("button", { name: "Create challenge" }).click();
  await expect(host.getByTestId("challenge-created-coding")).toHaveText("1 coding round");
  const link = await host.getByTestId("challenge-link").inputValue();
  const id = new URL(link).pathname.split("/").pop() ?? "";
  expect(id).toMatch(/^[a-z0-9]+$/);
  expect(await ownedChallengeCount(host)).toBe(1);

  const phone = await newPhone(browser);
  await signUpHost(phone, `Phone ${Date.now() % 100_000}`);
  await openCodingRound(phone, id);
  await phone.getByTestId("lab-tab-submit").click();
  await expectFinishFits(phone, 390);
  await phone.getByTestId("coding-finish-open").click();
  await expect(phone.getByRole("alertdialog")).toContainText("cannot be undone");
  await expect(phone.getByTestId("coding-finish-confirm")).toBeFocused();
  await expectFinishFits(phone, 390);
  await phone.getByTestId("coding-finish-confirm").click();
  // Closed at once (nothing to score), then the attempt moves on by itself: no ten-minute wait.
  await expect(phone.getByTestId("player-screen")).toHaveAttribute("data-phase", /reveal|podium/);
  await expect(phone.getByTestId("player-screen")).toHaveAttribute("data-phase", "podium", {
    timeout: 30_000,
  });

  const laptop = await (
    await browser.newContext({ viewport: { width: 1280, height: 720 } })
  ).newPage();
  await signUpHost(laptop, `Laptop ${Date.now() % 100_000}`);
  await openCodingRound(laptop, id);
  await expectFinishFits(laptop, 1280);
  await laptop.getByTestId("coding-finish-open").click();
  await laptop.getByTestId("coding-finish-cancel").click();
  await expect(laptop.getByTestId("coding-finish-open")).toBeVisible();
  await expect(laptop.getByTestId("player-screen")).toHaveAttribute("data-phase", "question");
  await laptop.getByTestId("coding-finish-open").click();
  await expectFinishFits(laptop, 1280);
  await laptop.getByTestId("coding-finish-confirm").click();
  await expect(laptop.getByTestId("player-screen")).toHaveAttribute("data-phase", "podium", {
    timeout: 30_000,
  });
});

/**
 * On a 390 px phone in Chinese: a coding round's value out of range is refused by the API, shown
 * under its own field in Chinese, within the screen's width, and nothing is created.
 */
test("a challenge's bad coding-round value is refused at its field, in Chinese on a phone", async ({
  browser,
}) => {
  const phone = await newPhone(browser);
  await signUpHost(phone, `Form ${Date.now() % 100_000}`);
  await phone.getByTestId("lang-switch").selectOption("zh");
  await expect(phone.locator("html")).toHaveAttribute("lang", "zh-CN");
  await openChallengeForm(phone);
  await phone.getByLabel("标题").fill("模型下午");
  await phone.getByTestId("coding-add").click();
  await phone.getByTestId("coding-add").click();
  const second = phone.getByTestId("coding-round").nth(1);
  await second.getByLabel("每人提交次数").fill("99");
  await phone.getByRole("button", { name: "创建挑战" }).click();
  await expect(second.getByTestId("coding-error-maxSubmissions")).toHaveText("须在 1 到 50 之间");
  // Only the refused field of the refused round is marked.
  await expect(phone.locator('[aria-invalid="true"]')).toHaveCount(1);
  await expect(second.getByLabel("每人提交次数")).toBeFocused();
  await expect(phone.getByTestId("challenge-created")).toHaveCount(0);
  expect(await ownedChallengeCount(phone)).toBe(0);
  await expectFormFits(phone, 390);
});

/** From the sets page, a set's "challenge" link opens the creation form. */
async function openChallengeForm(page: Page): Promise<void> {
  await page.goto("/sets");
  await page.getByTestId("set-challenge").first().click();
  await page.waitForURL(/\/challenges\/new\?set=/);
  await expect(page.getByTestId("challenge-form")).toBeVisible();
}

/** How many challenges the signed-in page's user owns (the owner list API). */
async function ownedChallengeCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const res = await fetch("/api/challenges");
    const json = (await res.json()) as { ok: boolean; data?: { challenges: unknown[] } };
    return json.data?.challenges.length ?? -1;
  });
}

/** The form, with its errors showing, is within the screen's width and axe-clean. */
async function expectFormFits(page: Page, width: number): Promise<void> {
  const geometry = await screenGeometry(page, width);
  expect(geometry.scrollWidth).toBeLessThanOrEqual(width);
  expect(geometry.outside).toEqual([]);
  const { violations } = await new AxeBuilder({ page })
    .include('[data-testid="challenge-form"]')
    .analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
}

/** Starts the caller's attempt, answers the quiz question, and waits for the training lab. */
async function openCodingRound(page: Page, challengeId: string): Promise<void> {
  await page.goto(`/challenges/${challengeId}`);
  await page.getByTestId("challenge-start").click();
  await page.waitForURL(/\/play\/[A-Z0-9]{6}$/);
  await answerCurrentQuestion(page);
  await expect(page.getByTestId("lab")).toBeVisible({ timeout: 30_000 });
}

/** The close control is on screen within the viewport's width, no sideways scroll, axe-clean. */
async function expectFinishFits(page: Page, width: number): Promise<void> {
  const finish = page.getByTestId("coding-finish");
  await finish.scrollIntoViewIfNeeded();
  await expect(finish).toBeVisible();
  for (const button of await finish.getByRole("button").all()) {
    const box = await button.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  }
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
  const { violations } = await new AxeBuilder({ page })
    .include('[data-testid="coding-finish"]')
    .analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
}
