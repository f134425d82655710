import { expect, test, type Page } from "@playwright/test";
import { answerCurrentQuestion, createQuizRoom, joinRoom, newPhone, signUpHost } from "./helpers";

/**
 * The foundation journey: a host signs up and opens a room, two players join from their own
 * browser contexts (phone-sized), three questions are played through the real UI, and all three
 * screens show the same podium, which the results page then reads back from the database.
 */

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
  await signUpHost(host);
  const code = await createQuizRoom(host, 3);

  const players: Page[] = [];
  for (const nickname of ["Ada", "Linus"]) {
    const phone = await newPhone(browser);
    await joinRoom(phone, code, nickname);
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
