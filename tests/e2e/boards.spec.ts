import { expect, test } from "@playwright/test";
import { answerCurrentQuestion, createQuizRoom, joinRoom, newPhone, signUpHost } from "./helpers";
import { screenGeometry } from "./layout-checks";

/**
 * The persistent boards in the browser: a signed-in player finishes a one-question game, then
 * finds their account on the all-time quiz board on a 390 px phone (their own row marked), by
 * name search too; a laptop at 1280x720 sees the ranked row; a bad address gets a clear message.
 */
test("a signed-in player's finished game puts them on the boards", async ({ browser }) => {
  const host = await (
    await browser.newContext({ viewport: { width: 1280, height: 720 } })
  ).newPage();
  await signUpHost(host, "Board Host");
  const code = await createQuizRoom(host, 1);

  const name = `Ada ${Date.now() % 100_000}`;
  const phone = await newPhone(browser);
  await signUpHost(phone, name); // any account: the join carries its session
  await joinRoom(phone, code, "Ada");

  // Before the room finishes, nothing of it is on a board.
  await phone.goto(`/boards?board=quiz&q=${encodeURIComponent(name)}`);
  await expect(phone.getByTestId("board-row")).toHaveCount(0);
  await phone.goBack();
  await expect(phone.getByTestId("player-screen")).toBeVisible();

  await expect(host.getByTestId("lobby-player")).toHaveCount(1);
  await host.getByTestId("host-start").click();
  await answerCurrentQuestion(phone);
  await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "reveal");
  await host.getByTestId("host-next").click();
  await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "leaderboard");
  await host.getByTestId("host-next").click();
  await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "podium");

  // The phone: their own row, marked, on the all-time quiz board; no sideways scrolling.
  await phone.goto(`/boards?board=quiz&window=all&q=${encodeURIComponent(name)}`);
  const mine = phone.getByTestId("board-row");
  await expect(mine).toHaveCount(1);
  await expect(mine).toHaveAttribute("aria-current", "true");
  await expect(mine.locator("th")).toContainText(name);
  expect(Number(await mine.locator("td").first().innerText())).toBeGreaterThanOrEqual(1);
  await phone.screenshot({ path: "test-results/boards/phone-390.png", fullPage: true });
  const g = await screenGeometry(phone);
  expect(g.scrollWidth).toBeLessThanOrEqual(g.viewport.width);
  expect(g.outside).toEqual([]);
  expect(g.clipped).toEqual([]);

  // The laptop: the combined board lists the player with a rank; the page never shows an email.
  await host.goto("/boards");
  const row = host.getByTestId("board-row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row.locator("td").first()).toHaveText(/^\d+$/);
  expect(await host.locator("main").innerText()).not.toContain("@");
  await host.screenshot({ path: "test-results/boards/laptop-1280x720.png" });
  const wide = await screenGeometry(host);
  expect(wide.scrollWidth).toBeLessThanOrEqual(wide.viewport.width);

  // The start page leads there.
  await host.goto("/");
  await host.getByTestId("boards-link").click();
  await expect(host.getByTestId("board-table")).toBeVisible();

  // Switching board and window keeps to links; a bad address explains itself.
  await host.getByTestId("board-quiz").click();
  await expect(host).toHaveURL(/board=quiz/);
  await expect(host.getByTestId("board-row").filter({ hasText: name })).toHaveCount(1);
  await host.goto("/boards?page=-1&pageSize=10000");
  await expect(host.getByTestId("board-error")).toContainText("page, pageSize");
});
