import { expect, test, type Browser, type Page } from "@playwright/test";

/**
 * The foundation journey: a host signs up and opens a room, two players join from their own
 * browser contexts (phone-sized), three questions are played through the real UI, and all three
 * screens show the same podium, which the results page then reads back from the database.
 */

async function newPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

/** Answers whatever kind of question is on screen (the bank mixes six types). */
async function answerCurrentQuestion(page: Page): Promise<void> {
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

/** [nickname, score] per podium place, in order. */
async function podiumOf(page: Page): Promise<string[][]> {
  await expect(page.getByTestId("podium")).toBeVisible();
  const entries = page.getByTestId("podium").getByTestId("podium-entry");
  await expect(entries).toHaveCount(2);
  const places: string[][] = [];
  for (const entry of await entries.all()) {
    const text = await entry.innerText();
    const nickname = ["Ada", "Linus"].find((n) => text.includes(n)) ?? "?";
    places.push([nickname, (await entry.getByTestId("podium-score").innerText()).trim()]);
  }
  return places;
}

test("a host and two players play three questions and see the same podium", async ({ browser }) => {
  const host = await (await browser.newContext()).newPage();
  const email = `host-${Date.now()}@example.test`;

  await host.goto("/signup");
  await host.locator('input[name="name"]').fill("Quiz Host");
  await host.locator('input[name="email"]').fill(email);
  await host.locator('input[name="password"]').fill("correct horse battery");
  await host.locator('button[type="submit"]').click();
  await host.waitForURL((url) => !url.pathname.startsWith("/signup"));

  await host.goto("/host");
  await host.locator('input[name="questionCount"]').fill("3");
  await host.getByTestId("create-room").click();
  await host.waitForURL(/\/host\/[A-Z0-9]{6}$/);
  const code = (await host.getByTestId("room-code").innerText()).trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);

  const players: Page[] = [];
  for (const nickname of ["Ada", "Linus"]) {
    const phone = await newPhone(browser);
    await phone.goto(`/play?code=${code}`);
    await phone.locator('input[name="nickname"]').fill(nickname);
    await phone.getByTestId("join-submit").click();
    await expect(phone.getByTestId("player-screen")).toHaveAttribute("data-phase", "lobby");
    players.push(phone);
  }
  await expect(host.getByTestId("lobby-player")).toHaveCount(2);

  await host.getByTestId("host-start").click();
  for (let question = 0; question < 3; question++) {
    await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "question");
    for (const phone of players) await answerCurrentQuestion(phone);
    // Everyone answered: the question closes without waiting for the timer.
    await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "reveal");
    await expect(host.getByTestId("reveal")).toBeVisible();
    for (const phone of players) await expect(phone.getByTestId("my-result")).toBeVisible();
    await host.getByTestId("host-next").click();
    await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "leaderboard");
    await expect(host.getByTestId("leaderboard-row")).toHaveCount(2);
    await host.getByTestId("host-next").click();
  }

  await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "podium");
  const hostPodium = await podiumOf(host);
  for (const phone of players) expect(await podiumOf(phone)).toEqual(hostPodium);
  expect(hostPodium.map(([nickname]) => nickname).sort()).toEqual(["Ada", "Linus"]);

  // The results page reads the finished game from the database.
  await host.goto(`/results/${code}`);
  await expect(host.getByText("Ada")).toBeVisible();
  await expect(host.getByText("Linus")).toBeVisible();
});
