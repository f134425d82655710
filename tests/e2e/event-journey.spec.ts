import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { en } from "@/app/lib/messages/en";
import { createEvent, createInvite, register, signUpOrganiser } from "./event-steps";
import { answerCurrentQuestion, newPhone } from "./helpers";

/**
 * Issue 11, items 1-3, end to end: an organiser (a new account an admin made ORGANISER) creates an
 * event from the built-in question set with a coding round, makes an invite link, and two
 * candidates on phones register through it and play a room under the event (two quiz questions,
 * then the event's coding round, which the organiser closes without submissions). The organiser's
 * dashboard lists both with the room's scores, and the CSV the browser downloads says the same,
 * with the formula-looking name of one candidate escaped. Then the refusals a browser shows: a
 * revoked link, an expired link, and a candidate opening the organiser's pages (not found).
 */

const LAPTOP = { width: 1280, height: 720 };
/** A name a spreadsheet would run as a formula if the CSV did not escape it. */
const FORMULA_NAME = '=HYPERLINK("http://evil.test","x")';
const CANDIDATES = [
  { name: "Ada Lovelace", email: "ada@example.test", nickname: "ada" },
  { name: FORMULA_NAME, email: "mallory@example.test", nickname: "mallory" },
] as const;

/** Clicks a download link and returns the downloaded file's text. */
async function downloadText(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testId).click(),
  ]);
  return readFileSync(await file.path(), "utf8");
}

/** The host's screen after a quiz question: reveal -> leaderboard -> on. */
async function hostPastLeaderboard(host: Page): Promise<void> {
  const screen = host.getByTestId("host-screen");
  await expect(screen).toHaveAttribute("data-phase", "reveal");
  await host.getByTestId("host-next").click();
  await expect(screen).toHaveAttribute("data-phase", "leaderboard");
  await host.getByTestId("host-next").click();
}

test("an organiser creates an event with a coding round, two candidates register and play, the dashboard and the CSV list both", async ({
  browser,
}) => {
  test.slow();
  const organiserContext = await browser.newContext({ viewport: LAPTOP });
  const organiser = await organiserContext.newPage();
  await signUpOrganiser(browser, organiser);
  const eventId = await createEvent(organiser, {
    name: "Spring hiring day",
    coding: { variant: "scratch", minutes: 5 },
  });
  // The event keeps its coding round.
  const stored = await organiser.request.get(`/api/events/${eventId}`);
  const detail = (await stored.json()) as { data: { coding: { variant: string } | null } };
  expect(detail.data.coding).toMatchObject({ variant: "scratch", durationSec: 300 });

  const link = await createInvite(organiser, "Cohort A");
  const phones = [await newPhone(browser), await newPhone(browser)];
  for (const [i, c] of CANDIDATES.entries()) await register(phones[i]!, link, c.name, c.email);
  // The same browser again: it is already registered and goes straight to "join a room".
  await phones[0]!.goto(link);
  await expect(phones[0]!.getByTestId("registered")).toBeVisible();

  // A room under the event: its set and its coding round, pre-filled.
  await organiser.getByTestId("host-event-room").click();
  await organiser.waitForURL(/\/host\?event=/);
  await expect(organiser.getByTestId("event-room-note")).toContainText("Spring hiring day");
  await expect(organiser.getByTestId("coding-variant")).toHaveValue("scratch");
  await organiser.locator('input[name="questionCount"]').fill("2");
  await organiser.locator('input[name="defaultTimeLimitSec"]').fill("60");
  await organiser.getByTestId("create-room").click();
  await organiser.waitForURL(/\/host\/[A-Z0-9]{6}$/);
  const code = (await organiser.getByTestId("room-code").innerText()).trim();

  // Each candidate types the code on their "registered" page and picks a nickname: the join
  // form presents the registration this browser holds.
  for (const [i, c] of CANDIDATES.entries()) {
    const phone = phones[i]!;
    await phone.getByTestId("event-room-code").fill(code);
    await phone.getByTestId("event-join-room").click();
    await phone.locator('input[name="nickname"]').fill(c.nickname);
    await phone.getByTestId("join-submit").click();
    await expect(phone.getByTestId("player-screen")).toHaveAttribute("data-phase", "lobby");
  }
  await expect(organiser.getByTestId("lobby-player")).toHaveCount(2);

  await organiser.getByTestId("host-start").click();
  for (let q = 0; q < 2; q++) {
    for (const phone of phones) await answerCurrentQuestion(phone);
    await hostPastLeaderboard(organiser);
  }
  // The coding round: nobody submits; the organiser closes it and finishes the game.
  await expect(organiser.getByTestId("coding-stage")).toBeVisible();
  await organiser.getByTestId("host-next").click();
  await expect(organiser.getByTestId("coding-private-note")).toBeVisible();
  const screen = organiser.getByTestId("host-screen");
  for (let i = 0; i < 4 && (await screen.getAttribute("data-phase")) !== "podium"; i++) {
    await organiser.getByTestId("host-next").click();
    await organiser.waitForTimeout(300);
  }
  await expect(screen).toHaveAttribute("data-phase", "podium");

  // The room's own results (the organiser's while the event is unpublished): score per nickname.
  await organiser.goto(`/results/${code}`);
  const roomScore = new Map<string, number>();
  for (const row of await organiser.getByTestId("results-row").all()) {
    const cells = await row.locator("td, th").allInnerTexts();
    roomScore.set(cells[1]!.trim(), Number(cells[2]));
  }
  expect([...roomScore.keys()].sort()).toEqual(["ada", "mallory"]);

  // The dashboard: both candidates, ranked, with the room's scores.
  await organiser.goto(`/events/${eventId}`);
  const rows = organiser.getByTestId("candidate-row");
  await expect(rows).toHaveCount(2);
  for (const c of CANDIDATES) {
    const row = rows.filter({ hasText: c.email });
    await expect(row.locator("td").nth(1)).toHaveText(String(roomScore.get(c.nickname)));
    await expect(row.locator("th")).toContainText(c.name);
  }
  await expect(organiser.getByTestId("score-distribution")).toBeVisible();

  // The CSV as the browser downloads it: a BOM, both candidates, their scores, the formula inert.
  const csv = await downloadText(organiser, "export-csv");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(2);
  for (const c of CANDIDATES) {
    const line = parsed.data.find((r) => r.email === c.email);
    expect(line, c.email).toBeDefined();
    expect(Number(line!.score)).toBe(roomScore.get(c.nickname));
    expect(line!.answered).toBe("2");
    expect(line!.rank).toMatch(/^[12]$/);
  }
  const mallory = parsed.data.find((r) => r.email === "mallory@example.test")!;
  expect(mallory.name).toBe(`'${FORMULA_NAME}`);
  expect(parsed.data.find((r) => r.email === "ada@example.test")!.name).toBe("Ada Lovelace");

  // A candidate's own page shows their result; the organiser's pages are not theirs to open.
  const ada = phones[0]!;
  await ada.goto(`/events/${eventId}/me`);
  await expect(ada.getByTestId("my-event-result")).toContainText(String(roomScore.get("ada")));
  for (const path of [`/events/${eventId}`, `/events/${eventId}/report`]) {
    const response = await ada.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(ada.getByTestId("candidate-table")).toHaveCount(0);
  }
  const api = await ada.request.get(`/api/events/${eventId}/dashboard`);
  expect(api.status()).toBe(401);

  // The organiser withdraws the link: a new browser opening it is told so and sees no form.
  await organiser.goto(`/events/${eventId}`);
  await organiser.getByTestId("invite-revoke").click();
  await expect(organiser.getByTestId("invite-row")).toContainText("Revoked");
  const stranger = await newPhone(browser);
  await stranger.goto(link);
  await expect(stranger.locator(".error-message")).toHaveText(en.errors.INVITE_REVOKED);
  await expect(stranger.getByTestId("register-form")).toHaveCount(0);
  await organiserContext.close();
});

test("an expired invite link says so in the browser and registers nobody", async ({ browser }) => {
  const organiser = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await signUpOrganiser(browser, organiser, "Short Event Organiser");
  // An event that ends in a few seconds: its invite links expire with it.
  const now = Date.now();
  const created = await organiser.request.post("/api/events", {
    data: {
      name: "Eight-second event",
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 8_000).toISOString(),
      terms: "None.",
    },
  });
  expect(created.status()).toBe(201);
  const { data: event } = (await created.json()) as { data: { id: string } };
  const invite = await organiser.request.post(`/api/events/${event.id}/invites`, {
    data: { label: "Late", validHours: 24 },
  });
  expect(invite.status()).toBe(201);
  const { data } = (await invite.json()) as { data: { path: string } };

  // The link works while the event runs (asked directly: a browser on a loaded machine could
  // open it too late), then the browser is told it expired.
  const lookup = await organiser.request.post(`/api/events/${event.id}/lookup`, {
    data: { invite: data.path.split("#")[1] },
  });
  expect(lookup.status()).toBe(200);
  const phone = await newPhone(browser);
  await phone.goto(data.path);
  // A reload reads the fragment afresh and asks the server again (a same-URL goto would not).
  await expect
    .poll(
      async () => {
        await phone.reload();
        return phone
          .locator(".error-message")
          .textContent({ timeout: 5_000 })
          .catch(() => null);
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(en.errors.INVITE_EXPIRED);
  await expect(phone.getByTestId("register-form")).toHaveCount(0);
  const dashboard = await organiser.request.get(`/api/events/${event.id}/dashboard`);
  expect(((await dashboard.json()) as { data: { candidates: unknown[] } }).data.candidates).toEqual(
    [],
  );
});
