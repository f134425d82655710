import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { PublicQuestion } from "@/lib/contract/views";
import { signUpHost } from "./helpers";
import { expectFitsScreen, smallestFontPx } from "./layout-checks";
import { answer, joinSocketPlayer, leave, submitModel, type SocketPlayer } from "./socket-players";
import { randomMlp } from "../support/random-model";

/**
 * Issue 8, item 4: every host screen fits a 1280x720 projector and a 1920x1080 screen without
 * scrolling, nothing under the control bar, nothing clipped or past the sides, and the text is
 * big enough for the back of the room. One game plays the whole built-in set (all six question
 * types, every kind of code listing: short, 31 lines, 89 columns) with a coding round after the
 * sixth question, twelve players (ten-row leaderboard and board), in English and Chinese.
 * Screenshots of each screen at 1280x720 land in test-results/host-screens/ (not committed).
 */

const SHOTS = "test-results/host-screens";
const LAPTOP = { width: 1280, height: 720 };
const FULL_HD = { width: 1920, height: 1080 };

/** Questions of the bank checked screen by screen; the others are played through unchecked. */
// prettier-ignore
const CHECKED = new Set([
  0, 1, 2, 3, 4, 5, // single, true/false, numeric, ordering, multiple, text
  39, 43, 45, // code listings: numeric (5 lines), single (11), true/false (7)
  47, 48, 53, 56, // 31-line listing, 89-column listings, the longest explanation
]);

// prettier-ignore
const NAMES = [
  "Ada", "Linus", "Grace Hopper", "李雷", "Margaret", "Alan", "韩梅梅", "Ken",
  "Barbara Liskov", "Dennis", "Frances", "Tim Berners-Lee",
];

async function setLanguage(page: Page, locale: "en" | "zh") {
  // During the game the header is hidden and the switch sits in the control bar.
  const bar = page.getByTestId("host-controls");
  const select =
    (await bar.count()) > 0 ? bar.getByTestId("lang-switch") : page.getByTestId("lang-switch");
  await select.selectOption(locale);
  await expect(page.locator("html")).toHaveAttribute("lang", locale === "zh" ? "zh-CN" : "en");
}

/**
 * Checks one screen at both sizes (English) and at 1280x720 in Chinese, and saves the English
 * 1280x720 screenshot. `minFont`: the smallest text allowed on the stage at 1280x720, scaled
 * with the screen at 1920x1080.
 */
async function checkScreen(
  host: Page,
  name: string,
  testIds: string[],
  fonts: Font[] = [],
  locales: readonly ("en" | "zh")[] = ["en", "zh"],
  englishSizes = [LAPTOP, FULL_HD],
) {
  for (const locale of locales) {
    const sizes = locale === "en" ? englishSizes : [LAPTOP];
    if (locale === "zh") await setLanguage(host, "zh");
    for (const size of sizes) {
      await host.setViewportSize(size);
      await expectFitsScreen(host, `${name} (${locale})`, testIds);
      const scale = size.height / LAPTOP.height;
      for (const { selector, min, except } of fonts) {
        expect
          .soft(
            await smallestFontPx(host, selector, except),
            `${name} (${locale}) ${selector} at ${size.width}`,
          )
          .toBeGreaterThanOrEqual(min * scale - 0.05);
      }
      if (locale === "en" && size === LAPTOP)
        await host.screenshot({ path: `${SHOTS}/${name}-1280x720.png` });
    }
    if (locale === "zh") await setLanguage(host, "en");
  }
  await host.setViewportSize(LAPTOP);
}

const phase = (host: Page, p: string) =>
  expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", p);

interface Font {
  selector: string;
  /** px at 1280x720; scaled with the screen at 1920x1080. */
  min: number;
  except?: string;
}

/**
 * Text on the stage: at least 16 px at 1280x720. Not the charts' labels (SVG, fixed size; the
 * numbers are in the table or the stats line too) nor code listings, which get their own floor.
 */
const STAGE_TEXT: Font = {
  selector: ".host-live .host-stage",
  min: 16,
  except: "svg, .code-listing",
};
/**
 * A listing is sized to show every line: a 5-line one gets stage-size type, the 31-line one
 * ~11-12 px at 1280x720 (17-18 px at 1920x1080), as does an 89-column one beside the answers.
 * Phones show the same listing to every player.
 */
const LISTING_TEXT: Font = { selector: ".host-live .code-listing", min: 11 };

test("every host screen fits 1280x720 and 1920x1080 without scrolling, readable from the back", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  const host = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await signUpHost(host);
  await host.goto("/host");
  await host.locator('input[name="questionCount"]').fill("57");
  await host.getByTestId("coding-add").click();
  await host.getByTestId("coding-afterQuestion").fill("6");
  await host.getByTestId("coding-floorPercent").fill("5");
  await host.getByTestId("create-room").click();
  await host.waitForURL(/\/host\/[A-Z0-9]{6}$/);
  const code = (await host.getByTestId("room-code").innerText()).trim();

  const players: SocketPlayer[] = [];
  for (const name of NAMES) players.push(await joinSocketPlayer(baseURL!, code, name));
  await expect(host.getByTestId("lobby-player")).toHaveCount(NAMES.length);
  await checkScreen(host, "lobby", ["room-code", "host-start", "lobby-player"]);

  await host.getByTestId("host-start").click();
  let bank = 0; // index in the built-in set; the coding round sits between 5 and 6
  let leaderboardChecked = false;
  for (;;) {
    await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", /question|podium/);
    if ((await host.getByTestId("host-screen").getAttribute("data-phase")) === "podium") break;
    await expect.poll(() => players[0]!.room().phase).toBe("question");
    const question: PublicQuestion = players[0]!.room().question!;

    if (question.type === "coding") {
      await codingRound(host, players, baseURL!, question.index);
      continue;
    }
    const checked = CHECKED.has(bank);
    const name = `q${bank}-${question.type}${question.code ? "-code" : ""}`;
    const choice = ["single", "multiple", "truefalse"].includes(question.type);
    const options = choice || question.type === "ordering" ? ["host-option"] : [];
    const listing = question.code ? ["code-listing"] : [];
    const fonts = question.code ? [STAGE_TEXT, LISTING_TEXT] : [STAGE_TEXT];
    if (checked) {
      // Answer progress: all but one have answered, the count says so.
      for (const [k, p] of players.slice(0, -1).entries()) await answer(p, question, k + bank);
      await expect(host.getByTestId("answer-count")).toHaveText(
        `${NAMES.length - 1} / ${NAMES.length}`,
      );
      await checkScreen(
        host,
        name,
        ["host-controls", "countdown", "host-answer-status", ...options, ...listing],
        fonts,
      );
    }
    await host.getByTestId("host-next").click();
    await phase(host, "reveal");
    if (checked) {
      await expect(host.getByTestId("explanation")).toBeVisible();
      if (!question.code) await expect(host.getByTestId("distribution-chart")).toBeVisible();
      await checkScreen(
        host,
        `${name}-reveal`,
        [
          "host-controls",
          "reveal",
          "explanation",
          "reveal-stats",
          ...(choice ? ["host-option"] : []),
          ...(question.code && choice ? ["option-count"] : []),
          ...listing,
        ],
        [...fonts, { selector: ".host-live .explanation", min: 18 }],
      );
    }
    await host.getByTestId("host-next").click();
    await phase(host, "leaderboard");
    if (!leaderboardChecked) {
      await expect(host.getByTestId("leaderboard-row")).toHaveCount(10);
      await checkScreen(
        host,
        "leaderboard",
        ["host-controls", "leaderboard-row"],
        [{ selector: ".host-live .leaderboard-list", min: 24 }],
      );
      leaderboardChecked = true;
    }
    await host.getByTestId("host-next").click();
    bank++;
  }
  expect(bank).toBe(57);

  await phase(host, "podium");
  await checkScreen(host, "podium", ["podium-entry", "results-link"]);
  leave(players);
});

/**
 * The coding round: an empty board, a full one (eleven models, ten rows on screen), the "scoring"
 * banner after the close, and the final standings with the explanation.
 */
async function codingRound(host: Page, players: SocketPlayer[], baseURL: string, round: number) {
  const board: Font = { selector: ".host-live .coding-board tbody", min: 22 };
  await expect(host.getByTestId("coding-board-empty")).toBeVisible();
  await checkScreen(host, "coding-stage", ["host-controls", "coding-rules"], [STAGE_TEXT]);

  for (const [k, p] of players.slice(0, 11).entries()) {
    const model = randomMlp(12 + 6 * k, { quantize: k % 2 ? "uint8" : "none", seed: k + 1 });
    expect(await submitModel(baseURL, p, round, model)).toBe(202);
  }
  await expect(host.getByTestId("coding-board-row")).toHaveCount(10, { timeout: 60_000 });
  await expect(host.getByTestId("coding-board-more")).toBeVisible();
  await checkScreen(
    host,
    "coding-board",
    ["host-controls", "coding-rules", "coding-board-row", "pareto-chart"],
    [STAGE_TEXT, board],
  );

  // Heavier models, acknowledged but not yet scored when the host closes: "scoring N models".
  // Six of them, so the banner outlasts the check on a quiet machine too (with three, an idle CI
  // machine scored them all between the 1280x720 and the 1920x1080 check).
  for (const k of [0, 1, 2, 3, 4, 5])
    expect(await submitModel(baseURL, players[k]!, round, randomMlp(600, { seed: 40 + k }))).toBe(
      202,
    );
  await host.getByTestId("host-next").click();
  await expect(host.getByTestId("coding-scoring")).toBeVisible();
  // English at 1280x720 only: the banner lasts as long as the queue, seconds, not a language
  // switch or a second screen size more.
  await checkScreen(
    host,
    "coding-scoring",
    ["host-controls", "coding-scoring", "coding-board-row"],
    [STAGE_TEXT, board],
    ["en"],
    [LAPTOP],
  );

  await phase(host, "reveal");
  await expect(host.getByTestId("coding-board")).toHaveAttribute("data-split", "private", {
    timeout: 60_000,
  });
  await checkScreen(
    host,
    "coding-reveal",
    ["host-controls", "coding-board-row", "coding-private-note", "explanation"],
    [STAGE_TEXT, board],
  );
  await host.getByTestId("host-next").click();
  await phase(host, "leaderboard");
  await host.getByTestId("host-next").click();
}
