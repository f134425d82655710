import { expect, test, type Page } from "@playwright/test";
import type { ProfileData } from "@/lib/accounts/profile";
import type { BoardPage } from "@/lib/contract/boards";
import { answerCurrentQuestion, createQuizRoom, joinRoom, newPhone, signUpHost } from "./helpers";
import { screenGeometry } from "./layout-checks";

/**
 * Issue 10's journey: a guest plays a game on their phone, signs up on that phone afterwards,
 * claims the game (the device's signed claim, not the nickname) and finds it in their profile
 * history with its score and rank, then their rank on the all-time quiz board (their own row
 * marked, at 390 px and 1280x720) and the same rank in the profile's board ranks; last, that a
 * player who is not an admin is refused a role change, in the page and at the API.
 */

/** No sideways scrolling and nothing past the sides, at the page's own viewport. */
async function expectNoSidewaysScroll(page: Page, screen: string, deviceWidth?: number) {
  const g = await screenGeometry(page, deviceWidth);
  const label = `${screen} at ${g.viewport.width}x${g.viewport.height}`;
  expect
    .soft(g.scrollWidth, `${label}: page width`)
    .toBeLessThanOrEqual(deviceWidth ?? g.viewport.width);
  expect.soft(g.outside, `${label}: boxes past the sides`).toEqual([]);
}

test("a guest plays, signs up, claims the game and sees it in their profile and on the board", async ({
  browser,
}) => {
  // Two sign-ups (argon2) and a game on a shared 2-core machine: a long journey.
  test.setTimeout(180_000);
  const host = await (
    await browser.newContext({ viewport: { width: 1280, height: 720 } })
  ).newPage();
  const guest = await newPhone(browser);
  const nickname = `Guest${Date.now() % 100000}`;
  let code = "";

  await test.step("a guest plays a game to its podium", async () => {
    await signUpHost(host, "Claim Host");
    code = await createQuizRoom(host, 1);
    await joinRoom(guest, code, nickname);
    // The device keeps the server's signed claim on this player.
    await expect
      .poll(() => guest.evaluate(() => window.localStorage.getItem("kba.claims") ?? ""), {
        timeout: 15_000,
      })
      .toContain(code);
    await host.getByTestId("host-start").click();
    await expect(guest.getByTestId("player-screen")).toHaveAttribute("data-phase", "question");
    await answerCurrentQuestion(guest);
    await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "reveal", {
      timeout: 30_000,
    });
    // Through the leaderboard to the podium.
    await host.getByTestId("host-next").click();
    await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "leaderboard");
    await host.getByTestId("host-next").click();
    await expect(guest.getByTestId("player-screen")).toHaveAttribute("data-phase", "podium");
  });

  await test.step("the guest signs up on the same phone", async () => {
    await guest.goto("/signup?callbackUrl=%2Fprofile");
    await guest.locator('input[name="name"]').fill("Claire Guest");
    await guest.locator('input[name="email"]').fill(`claire-${Date.now()}@example.test`);
    await guest.locator('input[name="password"]').fill("tangerine lighthouse 42");
    await guest.locator('button[type="submit"]').click();
    await guest.waitForURL((url) => url.pathname === "/profile");
    await expect(guest.getByTestId("profile-name")).toHaveText("Claire Guest");
    await expect(guest.getByTestId("avatar")).toHaveText("CG");
    await expect(guest.getByTestId("history-empty")).toBeVisible();
  });

  await test.step("the profile offers the game, and claiming it puts it in the history", async () => {
    const offer = guest.getByTestId("claim-offer");
    await expect(offer).toBeVisible({ timeout: 15_000 });
    await expect(offer).toContainText(code);
    await expectNoSidewaysScroll(guest, "profile with a claim offer (phone)", 390);
    await guest.getByTestId("claim-button").click();
    await expect(guest.getByTestId("claims-done")).toBeVisible();
    const row = guest.getByTestId("history").locator(`tr[data-room="${code}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(nickname);
    await expect(row.getByTestId("history-rank")).toHaveText(/^(1 of 1|第 1 名 \/ 共 1 人)$/);
    await expect(row.getByTestId("history-score")).toHaveText(/^\d+$/);
    await expect(guest.getByTestId("profile-stats")).toContainText("1");
    // A reload reads it back from the database, and the spent claim is not offered again.
    await guest.reload();
    await expect(guest.getByTestId("history").locator(`tr[data-room="${code}"]`)).toBeVisible();
    await expect(guest.getByTestId("claim-offer")).toHaveCount(0);
    await expectNoSidewaysScroll(guest, "profile with history (phone)", 390);
    await guest.screenshot({ path: test.info().outputPath("profile-phone.png"), fullPage: true });
  });

  await test.step("the profile fits a 1280x720 screen too", async () => {
    await host.goto("/profile");
    await expect(host.getByTestId("profile-name")).toHaveText("Claim Host");
    await expectNoSidewaysScroll(host, "profile (laptop)");
    await host.screenshot({ path: test.info().outputPath("profile-laptop.png") });
  });

  await test.step("their rank on the all-time board is theirs, and the profile shows the same", async () => {
    // The board as its API gives it to this session: the rank the page and the profile must show.
    const api = await guest.request.get("/api/boards?board=quiz&window=all");
    expect(api.status()).toBe(200);
    const board = ((await api.json()) as { data: BoardPage }).data;
    expect(board.you, "the claimed game puts the account on the quiz board").not.toBeNull();
    const { rank, page } = board.you!;
    expect(page, "a shown account's row is on a page").not.toBeNull();

    for (const [width, height, screen] of [
      [390, 844, "phone"],
      [1280, 720, "laptop"],
    ] as const) {
      await guest.setViewportSize({ width, height });
      await guest.goto(`/boards?board=quiz&window=all&page=${page}`);
      const mine = guest.locator('[data-testid="board-row"][aria-current="true"]');
      await expect(mine).toHaveCount(1);
      await expect(mine).toHaveClass(/board-you/);
      await expect(mine.locator("th")).toContainText("Claire Guest");
      await expect(mine.locator("td").first()).toHaveText(String(rank));
      await expectNoSidewaysScroll(guest, `all-time quiz board (${screen})`);
      await guest.screenshot({ path: test.info().outputPath(`board-${screen}.png`) });

      await guest.goto("/profile");
      const quiz = guest.getByTestId("board-rank-quiz");
      await expect(quiz.getByTestId("board-rank-value")).toHaveText(
        new RegExp(`^(#${rank} of ${board.total}|第 ${rank} 名 / 共 ${board.total} 人)$`),
      );
      // The profile's link leads to that board.
      await expect(quiz.getByRole("link")).toHaveAttribute("href", /board=quiz&window=all/);
      await expectNoSidewaysScroll(guest, `profile board ranks (${screen})`);
      await guest
        .getByTestId("board-ranks")
        .screenshot({ path: test.info().outputPath(`profile-ranks-${screen}.png`) });
    }
  });

  await test.step("a player who is not an admin cannot change roles", async () => {
    await guest.goto("/admin/users");
    await expect(guest.locator('[role="alert"][data-error="ROLE_REQUIRED"]')).toBeVisible();
    const me = (await (await guest.request.get("/api/account")).json()) as { data: ProfileData };
    const before = me.data.role;
    // The browser's own session, same origin, straight at the API: refused, typed, nothing changed.
    const change = await guest.request.patch(`/api/admin/users/${me.data.id}`, {
      data: { role: "ADMIN" },
      headers: { origin: new URL(guest.url()).origin },
    });
    expect(change.status()).toBe(403);
    expect(await change.json()).toEqual({ ok: false, error: "ROLE_REQUIRED" });
    const after = (await (await guest.request.get("/api/account")).json()) as { data: ProfileData };
    expect(after.data.role).toBe(before);
  });
});
