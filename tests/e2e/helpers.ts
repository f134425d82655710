import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";

/** Shared steps of the live-quiz journeys (a host's laptop, players' phones). */

export async function newPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

/** A new host account, signed in on `page`; returns its email. */
export async function signUpHost(page: Page, name = "Quiz Host"): Promise<string> {
  const email = `host-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  await page.goto("/signup");
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill("correct horse battery");
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signup"));
  return email;
}

/**
 * A signed-in host opens a room of the built-in set's first `questionCount` questions, with the
 * form's default time limit unless `timeLimitSec` is given.
 */
export async function createQuizRoom(
  host: Page,
  questionCount: number,
  timeLimitSec?: number,
): Promise<string> {
  await host.goto("/host");
  await host.locator('input[name="questionCount"]').fill(String(questionCount));
  if (timeLimitSec !== undefined)
    await host.locator('input[name="defaultTimeLimitSec"]').fill(String(timeLimitSec));
  await host.getByTestId("create-room").click();
  await host.waitForURL(/\/host\/[A-Z0-9]{6}$/);
  const code = (await host.getByTestId("room-code").innerText()).trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  return code;
}

/** Joins `page` to the room and waits for the lobby. */
export async function joinRoom(page: Page, code: string, nickname: string): Promise<void> {
  await page.goto(`/play?code=${code}`);
  await page.locator('input[name="nickname"]').fill(nickname);
  await page.getByTestId("join-submit").click();
  await expect(page.getByTestId("player-screen")).toHaveAttribute("data-phase", "lobby");
}

/** Answers whatever kind of question is on screen (the bank mixes six types). */
export async function answerCurrentQuestion(page: Page): Promise<void> {
  const screen = page.getByTestId("player-screen");
  await expect(screen).toHaveAttribute("data-phase", "question");
  const first = page.getByTestId("answer-0");
  const trueButton = page.getByTestId("answer-true");
  const numeric = page.getByTestId("answer-numeric");
  const text = page.getByTestId("answer-text");
  const ordering = page.getByTestId("order-item").first();
  await expect(first.or(trueButton).or(numeric).or(text).or(ordering).first()).toBeVisible();

  if (await trueButton.isVisible()) await trueButton.click();
  else if (await numeric.isVisible()) {
    await numeric.fill("10");
    await page.getByTestId("answer-submit").click();
  } else if (await text.isVisible()) {
    await text.fill("TensorFlow");
    await page.getByTestId("answer-submit").click();
  } else if (await ordering.isVisible()) {
    await page.getByTestId("answer-submit").click();
  } else {
    await first.click();
    // Multiple choice needs an explicit submit; single choice submits on click.
    const submit = page.getByTestId("answer-submit");
    if (await submit.isVisible()) await submit.click();
  }
  // The last answer closes the question at once, so the ack may be replaced by the reveal.
  await expect(page.getByTestId("answer-received").or(page.getByTestId("my-result"))).toBeVisible();
}

/** Zero axe violations on the page as it is now; the failure lists each rule and its nodes. */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact ?? "?"}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, `axe on the ${screen}`).toEqual([]);
}
