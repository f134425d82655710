import { expect, test, type Page } from "@playwright/test";
import type { RoomView } from "@/lib/contract/views";
import { answerCurrentQuestion, createQuizRoom, joinRoom, newPhone, signUpHost } from "./helpers";
import { expectFitsScreen, screenGeometry } from "./layout-checks";
import { answer, joinSocketPlayer, leave, type SocketPlayer } from "./socket-players";

/**
 * Issue 11, item 4: a team game. The host (Chromium, 1280x720) turns team mode on in the lobby
 * and groups four players into two teams of two, by drag and drop and by a pill's select; two
 * players are phones (390 px), two are Socket.IO clients. Two questions later the game ends on a
 * team podium whose scores are the means of the members' points, and the results page lists the
 * teams from Postgres.
 */

const LAPTOP = { width: 1280, height: 720 };
/** Screenshots of the team screens (not committed). */
const SHOTS = "test-results/team-screens";
const TEAM_OF: Record<string, number> = { alice: 0, bob: 0, carol: 1, dave: 1 };

/** The mean of each team's members' scores, to one decimal, from a room view's leaderboard. */
function expectedMeans(room: RoomView): number[] {
  return [0, 1].map((team) => {
    const scores = room.leaderboard.filter((e) => TEAM_OF[e.nickname] === team).map((e) => e.score);
    expect(scores).toHaveLength(2);
    return Math.round(((scores[0] ?? 0) + (scores[1] ?? 0)) * 5) / 10;
  });
}

async function expectPhoneFits(page: Page, screen: string) {
  const g = await screenGeometry(page, 390);
  expect.soft(g.scrollWidth, `${screen}: page width`).toBeLessThanOrEqual(390);
  expect.soft(g.outside, `${screen}: boxes past the sides`).toEqual([]);
}

/** The host's reveal -> leaderboard; returns the room view a socket player got with it. */
async function toLeaderboard(host: Page, watcher: SocketPlayer): Promise<RoomView> {
  const screen = host.getByTestId("host-screen");
  await expect(screen).toHaveAttribute("data-phase", "reveal");
  await host.getByTestId("host-next").click();
  await expect(screen).toHaveAttribute("data-phase", "leaderboard");
  await expect.poll(() => watcher.room().phase).toBe("leaderboard");
  return watcher.room();
}

test("a team game with two teams of two ends on a team podium", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL missing");
  const hostContext = await browser.newContext({ viewport: LAPTOP });
  const host = await hostContext.newPage();
  await signUpHost(host, "Team Host");
  const code = await createQuizRoom(host, 2, 60);

  // Team mode on: two teams, the host assigns.
  await host.getByTestId("team-mode").selectOption("host");
  await expect(host.getByTestId("team-chip")).toHaveCount(2);
  // The blue team gets a name of the host's; the red one keeps its colour's.
  await host.getByTestId("team-rename").nth(1).click();
  await host.getByTestId("team-name-input").fill("Owls");
  await host.getByTestId("team-name-input").press("Enter");
  await expect(host.getByTestId("team-chip").nth(1)).toContainText("Owls");

  const alicePhone = await newPhone(browser);
  const bobPhone = await newPhone(browser);
  await joinRoom(alicePhone, code, "alice");
  await joinRoom(bobPhone, code, "bob");
  const carol = await joinSocketPlayer(baseURL, code, "carol");
  const dave = await joinSocketPlayer(baseURL, code, "dave");
  const sockets = [carol, dave];
  // Joiners go to the smallest team: alice 0, bob 1, carol 0, dave 1.
  expect(carol.session.me.team).toBe(0);
  expect(dave.session.me.team).toBe(1);
  const pills = host.getByTestId("lobby-player");
  await expect(pills).toHaveCount(4);

  // Bob to team 0 by dragging his pill onto the red chip; carol to team 1 with her select.
  // Dragged by the name: the pill's select and buttons keep their own mouse handling.
  await pills
    .filter({ hasText: "bob" })
    .locator(".lobby-player-name")
    .dragTo(host.getByTestId("team-chip").nth(0));
  await expect(alicePhone.getByTestId("my-team-name")).toHaveText("Red team");
  await expect(bobPhone.getByTestId("my-team-name")).toHaveText("Red team");
  await pills.filter({ hasText: "carol" }).getByTestId("player-team-select").selectOption("1");
  await expect.poll(() => carol.room().teams?.teams.map((t) => t.members)).toEqual([2, 2]);
  // The host's pills show the teams as the server has them (the lobby list is throttled).
  for (const [name, team] of Object.entries(TEAM_OF)) {
    await expect(
      pills.filter({ hasText: name }).getByTestId("player-team-select"),
      `${name}'s team on the host's screen`,
    ).toHaveValue(String(team));
  }
  await expectFitsScreen(host, "team lobby", ["room-code", "host-start", "team-chip"]);
  await expectPhoneFits(bobPhone, "phone lobby with a team");
  await host.screenshot({ path: `${SHOTS}/lobby.png` });
  await bobPhone.screenshot({ path: `${SHOTS}/phone-lobby.png` });
  await host.getByTestId("lang-switch").selectOption("zh");
  await expect(host.getByTestId("team-chip").nth(0)).toContainText("红队");
  await expectFitsScreen(host, "team lobby zh", ["room-code", "host-start", "team-chip"]);
  await host.getByTestId("lang-switch").selectOption("en");
  await expect(host.getByTestId("team-chip").nth(0)).toContainText("Red team");

  await host.getByTestId("host-start").click();
  for (let index = 0; index < 2; index++) {
    await expect.poll(() => carol.room().phase).toBe("question");
    const question = carol.room().question;
    if (!question) throw new Error("no question");
    await answerCurrentQuestion(alicePhone);
    await answerCurrentQuestion(bobPhone);
    await answer(carol, question, 1);
    await answer(dave, question, 2);
    const board = await toLeaderboard(host, carol);
    // The team standings ride in the leaderboard frame: means of the members' points.
    const means = expectedMeans(board);
    const standings = board.teams?.standings ?? [];
    expect(standings.map((s) => s.members)).toEqual([2, 2]);
    for (const s of standings) expect(s.score).toBe(means[s.team]);
    const rows = host.getByTestId("team-standings-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).getByTestId("team-score")).toHaveText(String(standings[0]?.score));
    await expectFitsScreen(host, `team leaderboard ${index + 1}`, [
      "team-standings-row",
      "leaderboard-row",
      "host-controls",
    ]);
    await host.screenshot({ path: `${SHOTS}/leaderboard-${index + 1}.png` });
    await host.getByTestId("host-next").click();
  }

  // The team podium: both teams, best mean first, on the host and on the phones.
  await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "podium");
  await expect.poll(() => carol.room().phase).toBe("podium");
  const final = carol.room();
  const podium = final.teams?.podium ?? [];
  expect(podium).toHaveLength(2);
  const means = expectedMeans(final);
  for (const entry of podium) expect(entry.score).toBe(means[entry.team]);
  expect(podium[0]?.rank).toBe(1);
  const entries = host.getByTestId("team-podium-entry");
  await expect(entries).toHaveCount(2);
  await expect(host.getByTestId("team-podium-score").nth(0)).toHaveText(String(podium[0]?.score));
  await expectFitsScreen(host, "team podium", ["team-podium-entry", "results-link"]);
  await expect(alicePhone.getByTestId("team-podium-entry")).toHaveCount(2);
  await expect(alicePhone.getByTestId("my-team-rank")).toBeVisible();
  await expectPhoneFits(alicePhone, "phone team podium");
  await host.screenshot({ path: `${SHOTS}/podium.png` });
  // In Chinese too: team names are worded by the reader's language.
  await host.getByTestId("lang-switch").selectOption("zh");
  await expect(host.getByTestId("team-podium")).toContainText("队");
  await expectFitsScreen(host, "team podium zh", ["team-podium-entry", "results-link"]);
  await host.getByTestId("lang-switch").selectOption("en");
  await alicePhone.screenshot({ path: `${SHOTS}/phone-podium.png`, fullPage: true });

  // The results page reads the teams back from the database.
  await host.getByTestId("results-link").click();
  await expect(host.getByTestId("results-team-row")).toHaveCount(2);
  await expect(host.getByTestId("results-teams")).toContainText("Owls");
  await expect(host.getByTestId("results-teams")).toContainText("Red team");
  // And on a 390 px phone, nothing past the sides.
  await alicePhone.goto(`/results/${code}`);
  await expect(alicePhone.getByTestId("results-team-row")).toHaveCount(2);
  await expectPhoneFits(alicePhone, "phone results with teams");
  await expect(host.getByTestId("results-team-row").nth(0)).toContainText(String(podium[0]?.score));
  leave(sockets);
  await hostContext.close();
});

test("players pick their team on the phone; a change mid-question is refused", async ({
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error("baseURL missing");
  const hostContext = await browser.newContext({ viewport: LAPTOP });
  const host = await hostContext.newPage();
  await signUpHost(host, "Pick Host");
  const code = await createQuizRoom(host, 1, 60);
  await host.getByTestId("team-mode").selectOption("pick");
  await host.getByTestId("team-count").selectOption("3");
  await expect(host.getByTestId("team-chip")).toHaveCount(3);

  const phone = await newPhone(browser);
  await joinRoom(phone, code, "picker");
  const other = await joinSocketPlayer(baseURL, code, "other");
  // The phone shows a button per team; tapping the green one moves the player there.
  const buttons = phone.getByTestId("team-pick");
  await expect(buttons).toHaveCount(3);
  await expect(buttons.nth(0)).toHaveAttribute("aria-pressed", "true");
  await buttons.nth(2).click();
  await expect(buttons.nth(2)).toHaveAttribute("aria-pressed", "true");
  await expect(phone.getByTestId("my-team-name")).toHaveText("Green team");
  await expect(
    host
      .getByTestId("lobby-player")
      .filter({ hasText: "picker" })
      .getByTestId("player-team-select"),
  ).toHaveValue("2");
  await expectPhoneFits(phone, "phone picking a team");
  await phone.screenshot({ path: `${SHOTS}/phone-pick.png` });

  // Mid-question the picker is gone, and a pick sent anyway is refused with a typed error.
  await host.getByTestId("host-start").click();
  await expect(phone.getByTestId("player-screen")).toHaveAttribute("data-phase", "question");
  await expect(buttons).toHaveCount(0);
  const refused: unknown = await other.socket
    .timeout(8_000)
    .emitWithAck("teams:pick", { code, team: 2 });
  expect(refused).toEqual({ ok: false, error: "TEAM_CHANGE_MID_QUESTION" });
  expect(other.room().teams?.teams.map((t) => t.members)).toEqual([0, 1, 1]);
  leave([other]);
  await hostContext.close();
});
