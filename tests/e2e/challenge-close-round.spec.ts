import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { answerCurrentQuestion, newPhone, signUpHost } from "./helpers";

/**
 * A self-paced challenge whose coding round would run ten minutes: nobody hosts it, so each
 * player closes the round themselves from the lab ("I'm done", then a confirmation), and the
 * attempt goes on by itself to its podium. On a 390 px phone (the button under the submit tab)
 * and on a 1280x720 laptop (where "Keep working" first backs out of the confirmation).
 */
test("a challenge's player closes its coding round early, on a phone and on a laptop", async ({
  browser,
}) => {
  const host = await (
    await browser.newContext({ viewport: { width: 1280, height: 720 } })
  ).newPage();
  await signUpHost(host, "Round Host");
  await host.goto("/sets");
  await host.getByTestId("set-challenge").first().click();
  await host.waitForURL(/\/challenges\/new\?set=/);
  const setId = new URL(host.url()).searchParams.get("set");
  // The creation form has no coding rounds yet: the API does (same origin, the host's cookie).
  const id = await host.evaluate(async (setId) => {
    const res = await fetch("/api/challenges", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        title: "Model afternoon",
        selection: {
          setIds: [setId],
          filter: { types: ["single", "truefalse"] },
          pick: { mode: "random", count: 1 },
        },
        codingRounds: [{ afterQuestion: 1, durationSec: 600, accuracyFloor: 0.5 }],
        timePerQuestionSec: 20,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    });
    const json = (await res.json()) as { ok: boolean; data?: { id: string } };
    return json.data?.id ?? `failed ${res.status}`;
  }, setId);
  expect(id).toMatch(/^[a-z0-9]+$/);

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
