import { expect, test, type Page } from "@playwright/test";
import { en } from "@/app/lib/messages/en";
import { zh } from "@/app/lib/messages/zh";
import { expectNoAxeViolations, signUpHost } from "./helpers";
import { screenGeometry } from "./layout-checks";

/**
 * The set pages (/sets with an import's issue table, /sets/new with a question and an issue shown,
 * the built-in set read-only) and the room setup (/host, picking questions one by one) in Chinese,
 * on a 390 px phone and a 1280x720 laptop: the labels are Chinese (no English wording of the
 * dictionaries left), nothing reaches past the screen's sides or out of its card, and axe finds
 * nothing. (The English pages at 1280x720 are the journey of question-sets.spec.ts.)
 */

const SCREENS = ["set list", "import issues", "new set", "built-in set", "room setup"] as const;

/** English UI texts that differ from their Chinese wording (placeholders removed). */
const ENGLISH_ONLY = new Set(
  (Object.keys(en.ui) as (keyof typeof en.ui)[])
    .filter((key) => en.ui[key] !== zh.ui[key] && !en.ui[key].includes("{"))
    .map((key) => en.ui[key]),
);

async function open(page: Page, screen: (typeof SCREENS)[number]): Promise<void> {
  switch (screen) {
    case "set list":
      await page.goto("/sets");
      return;
    case "import issues": {
      const bad = "type,topic,difficulty,prompt_en,correct\nsingle,x,1,No options,1\n";
      await page
        .getByTestId("import-file")
        .setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
      await page.getByTestId("import-language").selectOption("en");
      await page.getByTestId("import-title-en").fill("Bad");
      await page.getByTestId("import-check").click();
      await expect(page.getByTestId("import-issues").locator("tbody tr")).not.toHaveCount(0);
      await expect(page.getByTestId("import-run")).toBeDisabled();
      return;
    }
    case "new set":
      await page.goto("/sets/new");
      await page.getByTestId("add-type").selectOption("multiple");
      await page.getByTestId("add-question").click();
      await page.getByTestId("question-time").fill("1");
      await page.getByTestId("question-time").blur();
      await expect(page.getByTestId("field-issue")).toBeVisible();
      return;
    case "built-in set":
      await page.goto("/sets");
      await page.getByTestId("public-sets").getByRole("link").first().click();
      await expect(page.getByTestId("set-editor")).toBeVisible();
      return;
    case "room setup":
      await page.goto("/host");
      await expect(page.getByTestId("setup-matching")).not.toHaveText("");
      await page.locator('input[name="pickMode"][value="exact"]').check();
      await expect(page.getByTestId("setup-questions").getByRole("checkbox")).not.toHaveCount(0);
      return;
  }
}

/** The visible headings, labels, legends, buttons, links and table heads, as read on screen. */
const uiTexts = (page: Page) =>
  page
    .locator("h1, h2, h3, legend, label, button, a, th, summary")
    .evaluateAll((els) =>
      els
        .filter((el) => (el as HTMLElement).checkVisibility())
        .map((el) => (el as HTMLElement).innerText.trim()),
    );

/**
 * Elements that stick out of their card's content box (into its padding or past its border),
 * leaving out what a scroll box inside the card clips: a fieldset or an input wider than a phone's
 * card stays inside the viewport yet breaks the card's edge.
 */
const outOfCards = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    for (const card of Array.from(document.querySelectorAll(".card"))) {
      if (!(card as HTMLElement).checkVisibility()) continue;
      const box = card.getBoundingClientRect();
      const style = getComputedStyle(card);
      const right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
      const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
      for (const el of Array.from(card.querySelectorAll("*"))) {
        if (!(el as HTMLElement).checkVisibility?.()) continue;
        let clipped = false;
        for (let a = el.parentElement; a && a !== card; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== "visible") clipped = true;
        const r = el.getBoundingClientRect();
        if (clipped || r.width === 0) continue;
        if (r.right > right + 1 || r.left < left - 1)
          found.push(
            `${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(left)}..${Math.round(right)}`,
          );
      }
    }
    return found.slice(0, 10);
  });

async function checkScreens(
  page: Page,
  lang: "zh" | "en",
  viewport: { width: number; height: number },
  axe: boolean,
): Promise<void> {
  await page.setViewportSize(viewport);
  for (const screen of SCREENS) {
    const label = `${screen}, ${lang}, ${viewport.width}x${viewport.height}`;
    await open(page, screen);
    await expect(page.locator("html")).toHaveAttribute("lang", lang === "zh" ? "zh-CN" : "en");
    const dictionary = lang === "zh" ? zh.ui : en.ui;
    // The page's own heading (the editor's previews render the game's question heading too).
    await expect(page.locator("h1").first()).toHaveText(
      screen === "new set"
        ? dictionary["sets.newTitle"]
        : screen === "room setup"
          ? dictionary["host.setupTitle"]
          : screen === "built-in set"
            ? // The bank's own title, in the reader's language.
              lang === "zh"
              ? /[\u4e00-\u9fff]/
              : /^[^\u4e00-\u9fff]+$/
            : dictionary["sets.pageTitle"],
    );
    if (lang === "zh") {
      const english = (await uiTexts(page)).filter((text) => ENGLISH_ONLY.has(text));
      expect.soft(english, `${label}: English labels`).toEqual([]);
      // Every reason in the issue table has a Chinese wording (no "not accepted: <English>").
      if (screen === "import issues")
        await expect
          .soft(page.getByTestId("import-issues"))
          .not.toContainText(zh.ui["sets.issue.other"].split("{")[0]!);
    }
    const g = await screenGeometry(page, viewport.width);
    expect.soft(g.scrollWidth, `${label}: page width`).toBeLessThanOrEqual(viewport.width);
    expect.soft(g.outside, `${label}: boxes past the sides`).toEqual([]);
    expect.soft(await outOfCards(page), `${label}: boxes out of their card`).toEqual([]);
    if (axe) await expectNoAxeViolations(page, label);
  }
}

test("the set pages and the room setup in Chinese fit a 390 px phone and 1280x720, labels translated, no axe violations", async ({
  browser,
}) => {
  test.slow();
  // A Chinese browser: the server renders Chinese from Accept-Language, no switch needed.
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signUpHost(page, "布局检查");
  await checkScreens(page, "zh", { width: 390, height: 844 }, true);
  await checkScreens(page, "zh", { width: 1280, height: 720 }, false);
  await context.close();
});
