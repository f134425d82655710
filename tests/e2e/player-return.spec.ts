import { expect, test } from "@playwright/test";
import {
  answerCurrentQuestion,
  createQuizRoom,
  expectNoAxeViolations,
  joinRoom,
  newPhone,
  signUpHost,
} from "./helpers";

/**
 * A phone closes the game's tab (or the browser discards it) and the player opens the room's link
 * again: the same player comes back with their score, not a new one at 0 beside a ghost. The
 * host's lobby shows who is offline meanwhile.
 */
test("a player whose tab closed reopens the link and is the same player, same score", async ({
  browser,
}) => {
  const host = await (await browser.newContext()).newPage();
  await signUpHost(host);
  const code = await createQuizRoom(host, 2);

  const first = await newPhone(browser);
  const phone = first.context();
  await joinRoom(first, code, "Ada");
  await expect(host.getByTestId("lobby-player")).toHaveCount(1);

  // Closed in the lobby: the host sees Ada offline, and back when the link is reopened.
  await first.close();
  await expect(host.getByTestId("lobby-player-offline")).toBeVisible();
  await expectNoAxeViolations(host, "host lobby with a player offline");
  const second = await phone.newPage();
  await second.goto(`/play?code=${code}`);
  await expect(second).toHaveURL(new RegExp(`/play/${code}$`));
  await expect(second.getByTestId("player-screen")).toHaveAttribute("data-phase", "lobby");
  await expect(second.locator(".player-name")).toHaveText("Ada");
  await expect(host.getByTestId("lobby-player-offline")).toHaveCount(0);
  await expect(host.getByTestId("lobby-player")).toHaveCount(1);

  // Closed during the game, after scoring: the reopened tab has the same score.
  await host.getByTestId("host-start").click();
  await answerCurrentQuestion(second);
  await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "reveal");
  await expect(second.getByTestId("my-result")).toBeVisible();
  const score = (await second.getByTestId("my-score").innerText()).trim();
  await second.close();

  const third = await phone.newPage();
  await third.goto(`/play?code=${code}`);
  await expect(third.getByTestId("player-screen")).toHaveAttribute("data-phase", "reveal");
  await expect(third.locator(".player-name")).toHaveText("Ada");
  await expect(third.getByTestId("my-score")).toHaveText(score);
  await host.getByTestId("host-next").click();
  await expect(host.getByTestId("leaderboard-row")).toHaveCount(1);
  await expect(third.getByTestId("player-screen")).toHaveAttribute("data-phase", "leaderboard");
});
