import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { answerCurrentQuestion, joinRoom, newPhone, signUpHost } from "./helpers";
import { screenGeometry } from "./layout-checks";
import { joinSocketPlayer, leave, submitModel, type SocketPlayer } from "./socket-players";
import { randomMlp } from "../support/random-model";

/**
 * Issue 8, item 5: a 390 px phone. Nothing scrolls sideways on the home page, the results, the
 * boards or the lab; every table header shows inside the screen; the coding round tells phone
 * players a laptop is better, and its lab is a short page per step (train, compress, versions,
 * submit) with a code editor about 40 characters wide. The phone trains, quantizes and submits
 * a real model. Screenshots land in test-results/phone-screens/ (not committed).
 */

const PHONE_WIDTH = 390;
const SHOTS = "test-results/phone-screens";

/** No sideways scrolling, nothing past the sides, no clipped box, headers on screen. */
async function expectFitsPhone(page: Page, screen: string, allowScroll: string[] = []) {
  const g = await screenGeometry(page, PHONE_WIDTH);
  expect.soft(g.scrollWidth, `${screen}: page width`).toBeLessThanOrEqual(PHONE_WIDTH);
  expect.soft(g.outside, `${screen}: boxes past the sides`).toEqual([]);
  // Scroll boxes meant to scroll (the code editor) are named; nothing else may cut content.
  const clipped = g.clipped.filter((c) => !allowScroll.some((a) => c.includes(a)));
  expect.soft(clipped, `${screen}: clipped boxes`).toEqual([]);
  for (const th of await page.locator("thead th").all()) {
    if (!(await th.isVisible())) continue;
    const box = await th.boundingBox();
    const text = (await th.innerText()).trim();
    expect.soft(box, `${screen}: header ${text}`).not.toBeNull();
    if (box)
      expect
        .soft(
          box.x >= 0 && box.x + box.width <= PHONE_WIDTH + 0.5,
          `${screen}: header "${text}" on screen`,
        )
        .toBe(true);
  }
  await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
}

async function setLanguage(page: Page, locale: "en" | "zh") {
  await page.getByTestId("lang-switch").selectOption(locale);
  await expect(page.locator("html")).toHaveAttribute("lang", locale === "zh" ? "zh-CN" : "en");
}

/** Characters of code one line of the editor shows without scrolling. */
function editorColumns(page: Page): Promise<number> {
  return page.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>(".lab-editor .cm-scroller")!;
    const gutters = document.querySelector<HTMLElement>(".lab-editor .cm-gutters");
    const line = document.querySelector<HTMLElement>(".lab-editor .cm-line")!;
    const probe = document.createElement("span");
    probe.textContent = "x".repeat(100);
    line.appendChild(probe);
    const charWidth = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const style = getComputedStyle(line);
    const text =
      scroller.clientWidth -
      (gutters?.offsetWidth ?? 0) -
      parseFloat(style.paddingLeft) -
      parseFloat(style.paddingRight);
    return text / charWidth;
  });
}

test("a phone plays a coding round in a compact lab; home, results and boards fit 390 px", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const phone = await newPhone(browser);

  await phone.goto("/");
  for (const locale of ["en", "zh"] as const) {
    await setLanguage(phone, locale);
    const signIn = phone.getByRole("link", { name: locale === "en" ? "Sign in" : "登录" });
    await expect(signIn).toBeInViewport({ ratio: 1 });
    await expectFitsPhone(phone, `home-${locale}`);
  }
  await setLanguage(phone, "en");

  const host = await (
    await browser.newContext({ viewport: { width: 1280, height: 720 } })
  ).newPage();
  await signUpHost(host);
  await host.goto("/host");
  await host.locator('input[name="questionCount"]').fill("1");
  await host.getByTestId("coding-add").click();
  await host.getByTestId("coding-afterQuestion").fill("1");
  await host.getByTestId("coding-floorPercent").fill("5");
  await host.getByTestId("coding-trainingBudget").fill("5000");
  await host.getByTestId("create-room").click();
  await host.waitForURL(/\/host\/[A-Z0-9]{6}$/);
  const code = (await host.getByTestId("room-code").innerText()).trim();

  await joinRoom(phone, code, "Ada Lovelace");
  const others: SocketPlayer[] = [];
  for (const name of ["Linus Torvalds", "Grace Hopper", "李雷"])
    others.push(await joinSocketPlayer(baseURL!, code, name));
  await host.getByTestId("host-start").click();
  await answerCurrentQuestion(phone);
  await host.getByTestId("host-next").click();
  await host.getByTestId("host-next").click();
  await host.getByTestId("host-next").click();

  // The coding round starts: the phone is told a laptop is better, in its language.
  const lab = phone.getByTestId("lab");
  await expect(lab).toBeVisible();
  const hint = lab.getByTestId("laptop-hint");
  await expect(hint).toBeVisible();
  await expect(hint).toContainText("laptop");
  await setLanguage(phone, "zh");
  await expect(hint).toContainText("笔记本电脑");
  await setLanguage(phone, "en");
  await expect(phone.getByTestId("lab-data-ready")).toBeVisible({ timeout: 60_000 });

  // One step per screen: the build step is a short page, the other sections wait behind the bar.
  await expect(phone.getByTestId("lab-tabs")).toBeVisible();
  await expect(phone.getByTestId("lab-guided")).toBeVisible();
  await expect(phone.getByTestId("lab-compress")).toBeHidden();
  await expectFitsPhone(phone, "lab-build");
  const buildHeight = await phone.evaluate(() => document.documentElement.scrollHeight);
  expect(buildHeight).toBeLessThan(2400);

  // Code mode: about 40 characters of code per line on a 390 px screen.
  await phone.getByTestId("lab-mode-code").click();
  await expect(phone.getByTestId("lab-editor")).toBeVisible();
  expect(await editorColumns(phone)).toBeGreaterThanOrEqual(39);
  // The editor scrolls sideways by design (long lines are not wrapped): its own boxes are allowed.
  await expectFitsPhone(phone, "lab-code", ["cm-"]);
  await phone.getByTestId("lab-mode-guided").click();

  // Train, quantize and submit a real model, step by step.
  await phone.getByTestId("lab-train-count").fill("1000");
  await phone.getByTestId("lab-epochs").fill("1");
  await phone.getByTestId("lab-train").click();
  const versions = phone.getByTestId("lab-version");
  await expect(versions).toHaveCount(1, { timeout: 60_000 });
  await phone.getByTestId("lab-tab-compress").click();
  await expect(phone.getByTestId("lab-guided")).toBeHidden();
  await phone.getByTestId("lab-quantize-dtype").selectOption("uint8");
  await phone.getByTestId("lab-quantize").click();
  await expect(versions).toHaveCount(2, { timeout: 60_000 });
  await expectFitsPhone(phone, "lab-compress");

  await phone.getByTestId("lab-tab-versions").click();
  await expect(phone.getByTestId("lab-tab-versions")).toContainText("2");
  // Four buttons across 390 px, one with a count: no label runs out of its button.
  for (const tab of await phone.getByTestId("lab-tabs").getByRole("button").all())
    expect(await tab.evaluate((b) => b.scrollWidth <= b.clientWidth + 1)).toBe(true);
  await expect(versions.first().getByTestId("lab-version-size")).toBeInViewport();
  await expectFitsPhone(phone, "lab-versions");

  await phone.getByTestId("lab-tab-submit").click();
  await phone.getByTestId("lab-submit").click();
  await expect(phone.getByTestId("lab-submission").first()).toHaveAttribute(
    "data-state",
    "scored",
    { timeout: 60_000 },
  );
  await expectFitsPhone(phone, "lab-submit");

  for (const [k, p] of others.entries())
    expect(await submitModel(baseURL!, p, 1, randomMlp(16 + 8 * k, { seed: k + 1 }))).toBe(202);
  await expect(host.getByTestId("coding-board-row")).toHaveCount(4, { timeout: 60_000 });
  await host.getByTestId("host-next").click();
  await expect(host.getByTestId("coding-board")).toHaveAttribute("data-split", "private", {
    timeout: 60_000,
  });
  await host.getByTestId("host-next").click();
  await host.getByTestId("host-next").click();
  await expect(phone.getByTestId("podium")).toBeVisible();
  leave(others);

  // Results and boards: every column header on screen, no sideways scroll, in both languages.
  for (const [path, table] of [
    [`/results/${code}`, "results-coding"],
    ["/boards/scratch", "best-models"],
  ] as const) {
    await phone.goto(path);
    await expect(phone.getByTestId(table)).toBeVisible();
    for (const locale of ["en", "zh"] as const) {
      await setLanguage(phone, locale);
      await expectFitsPhone(phone, `${table}-${locale}`);
    }
    await setLanguage(phone, "en");
  }
  // The columns that gave way on the phone are still there, under the names.
  await phone.goto(`/results/${code}`);
  await expect(phone.getByTestId("results-table").locator("thead th")).toHaveCount(5);
  await expect(phone.getByTestId("results-coding-row").first().locator(".cell-sub")).toBeVisible();
});
