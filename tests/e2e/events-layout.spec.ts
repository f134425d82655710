import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { en } from "@/app/lib/messages/en";
import { zh } from "@/app/lib/messages/zh";
import { createEvent, createInvite, register, signUpOrganiser } from "./event-steps";
import { answerCurrentQuestion, expectNoAxeViolations, newPhone } from "./helpers";
import { screenGeometry } from "./layout-checks";
import { answer, joinSocketPlayer, leave } from "./socket-players";

/**
 * The event pages with a played event behind them (six candidates, long and Chinese names, a
 * formula-looking one): the organiser's list, event page (invites, rooms, charts, the candidate
 * table) and printable reports; a candidate's registration form, "registered" page and own
 * results. Each in English and Chinese at 1280x720 and on a 390 px phone: nothing past the
 * screen's sides, no sideways scroll, no English label left in Chinese. Screenshots go to
 * test-results/event-screens (not committed). The reports print one page per candidate.
 */

const LAPTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };
const SHOTS = "test-results/event-screens";
const API_CANDIDATES = [
  "Ada Lovelace",
  "张伟",
  "Grace Brewster Murray Hopper, Rear Admiral of the United States Navy",
  '=HYPERLINK("http://evil.test","x")',
  "Alan Turing",
];

/** English UI texts that differ from their Chinese wording (placeholders removed). */
const ENGLISH_ONLY = new Set(
  (Object.keys(en.ui) as (keyof typeof en.ui)[])
    .filter((key) => en.ui[key] !== zh.ui[key] && !en.ui[key].includes("{"))
    .map((key) => en.ui[key]),
);

async function registerByApi(
  request: APIRequestContext,
  eventId: string,
  secret: string,
  name: string,
  i: number,
): Promise<string> {
  const response = await request.post(`/api/events/${eventId}/register`, {
    data: { invite: secret, acceptTerms: true, name, email: `candidate-${i}@example.test` },
  });
  expect(response.status(), name).toBe(201);
  return ((await response.json()) as { data: { candidateToken: string } }).data.candidateToken;
}

async function setLanguage(page: Page, lang: "en" | "zh"): Promise<void> {
  await page.getByTestId("lang-switch").selectOption(lang);
  await expect(page.locator("html")).toHaveAttribute("lang", lang === "zh" ? "zh-CN" : "en");
}

/** Sideways fit, Chinese labels, and a full-page screenshot of the screen as it is now. */
async function check(page: Page, label: string, width: number, lang: "en" | "zh") {
  const g = await screenGeometry(page, width);
  expect.soft(g.scrollWidth, `${label}: page width`).toBeLessThanOrEqual(width);
  expect.soft(g.outside, `${label}: boxes past the sides`).toEqual([]);
  if (lang === "zh") {
    const texts = await page
      .locator("h1, h2, h3, legend, label, button, a, th, summary, figcaption, caption")
      .evaluateAll((els) =>
        els
          .filter((el) => (el as HTMLElement).checkVisibility())
          .map((el) => (el as HTMLElement).innerText.trim()),
      );
    expect
      .soft(
        texts.filter((t) => ENGLISH_ONLY.has(t)),
        `${label}: English labels`,
      )
      .toEqual([]);
  }
  await page.screenshot({ path: `${SHOTS}/${label}.png`, fullPage: true });
  // axe once per screen (on the phone, in Chinese: the longest run of wrapped labels).
  if (lang === "zh" && width < 500) await expectNoAxeViolations(page, label);
}

test("the event pages fit 1280x720 and a 390 px phone in English and Chinese; reports print a page each", async ({
  browser,
  baseURL,
  request,
}) => {
  test.slow();
  if (!baseURL) throw new Error("baseURL missing");
  const organiser = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await signUpOrganiser(browser, organiser, "Layout Organiser");
  const eventId = await createEvent(organiser, {
    name: "Autumn study session for the second-year machine learning cohort (group B)",
    coding: { variant: "scratch", minutes: 5 },
  });
  const link = await createInvite(organiser, "Second-year cohort, room 4.12, Thursday");
  const secret = new URL(link).hash.slice(1);
  const tokens: string[] = [];
  for (const [i, name] of API_CANDIDATES.entries())
    tokens.push(await registerByApi(request, eventId, secret, name, i));
  const phone = await newPhone(browser);
  await register(phone, link, "Katherine Johnson", "katherine@example.test");

  // A room under the event: three questions, then its coding round, closed without models.
  await organiser.getByTestId("host-event-room").click();
  await organiser.locator('input[name="questionCount"]').fill("3");
  await organiser.locator('input[name="defaultTimeLimitSec"]').fill("60");
  await organiser.getByTestId("create-room").click();
  await organiser.waitForURL(/\/host\/[A-Z0-9]{6}$/);
  const code = (await organiser.getByTestId("room-code").innerText()).trim();
  const sockets = await Promise.all(
    tokens.map((token, i) => joinSocketPlayer(baseURL, code, `player-${i}`, token)),
  );
  await phone.getByTestId("event-room-code").fill(code);
  await phone.getByTestId("event-join-room").click();
  await phone.locator('input[name="nickname"]').fill("katherine");
  await phone.getByTestId("join-submit").click();
  await expect(phone.getByTestId("player-screen")).toHaveAttribute("data-phase", "lobby");
  await organiser.getByTestId("host-start").click();
  const screen = organiser.getByTestId("host-screen");
  for (let q = 0; q < 3; q++) {
    await expect.poll(() => sockets[0]!.room().phase).toBe("question");
    const question = sockets[0]!.room().question;
    if (!question) throw new Error("no question");
    // Some skip a question: the table shows different counts of answers.
    await Promise.all(sockets.filter((_, i) => i !== q).map((s, i) => answer(s, question, i + q)));
    await answerCurrentQuestion(phone);
    // One player always skips: the organiser closes the question, then reveal -> leaderboard.
    await organiser.getByTestId("host-next").click();
    await expect(screen).toHaveAttribute("data-phase", "reveal");
    await organiser.getByTestId("host-next").click();
    await expect(screen).toHaveAttribute("data-phase", "leaderboard");
    await organiser.getByTestId("host-next").click();
  }
  await expect(organiser.getByTestId("coding-stage")).toBeVisible();
  for (let i = 0; i < 5 && (await screen.getAttribute("data-phase")) !== "podium"; i++) {
    await organiser.getByTestId("host-next").click();
    await organiser.waitForTimeout(300);
  }
  await expect(screen).toHaveAttribute("data-phase", "podium");
  leave(sockets);
  // The organiser's fresh link (shown once) stays on the page for the screenshots.
  await organiser.goto(`/events/${eventId}`);
  await createInvite(organiser, "Late joiners");

  const stranger = await newPhone(browser);
  for (const lang of ["en", "zh"] as const) {
    for (const size of [LAPTOP, PHONE]) {
      const tag = `${lang}-${size.width}`;
      await organiser.setViewportSize(size);
      await phone.setViewportSize(size);
      await stranger.setViewportSize(size);

      await organiser.goto("/events");
      await setLanguage(organiser, lang);
      await expect(organiser.getByTestId("event-list")).toBeVisible();
      await check(organiser, `list-${tag}`, size.width, lang);

      await organiser.goto(`/events/${eventId}`);
      await expect(organiser.getByTestId("candidate-row")).toHaveCount(6);
      // The bank's topics by name in the reader's language, never as their raw tags.
      const topics = organiser.getByTestId("topic-bars");
      await expect(topics).toContainText((lang === "en" ? en : zh).ui["topic.large-models"]);
      await expect(topics).not.toContainText("large-models");
      await check(organiser, `event-${tag}`, size.width, lang);

      await organiser.goto(`/events/${eventId}/report`);
      await expect(organiser.getByTestId("candidate-report")).toHaveCount(6);
      await expect(organiser.getByTestId("candidate-report").first()).toContainText(
        (lang === "en" ? en : zh).ui["topic.large-models"],
      );
      await expect(organiser.locator("main")).not.toContainText("large-models");
      await check(organiser, `report-${tag}`, size.width, lang);

      await stranger.goto(`/events/${eventId}/register#${secret}`);
      await setLanguage(stranger, lang);
      await expect(stranger.getByTestId("register-form")).toBeVisible();
      await check(stranger, `register-${tag}`, size.width, lang);

      await phone.goto(`/events/${eventId}/register`);
      await setLanguage(phone, lang);
      await expect(phone.getByTestId("registered")).toBeVisible();
      await check(phone, `registered-${tag}`, size.width, lang);

      await phone.goto(`/events/${eventId}/me`);
      await expect(phone.getByTestId("my-event-result")).toBeVisible();
      await check(phone, `me-${tag}`, size.width, lang);
    }
  }

  // Printed (Chromium's "Save as PDF"): one A4 page per candidate.
  await organiser.setViewportSize(LAPTOP);
  await organiser.goto(`/events/${eventId}/report`);
  await expect(organiser.getByTestId("candidate-report")).toHaveCount(6);
  const pdf = (await organiser.pdf({ format: "A4" })).toString("latin1");
  const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages).toHaveLength(6);
});
