import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/lib/messages/en";
import { zh } from "../../app/lib/messages/zh";

/**
 * The server renders the reader's language: the language switch's cookie, else the browser's
 * Accept-Language, else English. So the first paint (the HTML, before any script runs) is already
 * Chinese for a Chinese visitor, <html lang> says so, and hydration finds nothing to correct.
 */

// Any well-formed code: the player page renders its "Connecting…" screen before the socket answers.
const PLAYER_PATH = "/play/ABCDEF";

test("Accept-Language zh-CN: the server's HTML is Chinese and <html lang> is zh-CN", async ({
  request,
}) => {
  const headers = { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8" };
  const home = await (await request.get("/", { headers })).text();
  expect(home).toMatch(/<html lang="zh-CN"/);
  expect(home).toContain(zh.ui["landing.title"]);
  expect(home).not.toContain(en.ui["landing.title"]);

  const player = await (await request.get(PLAYER_PATH, { headers })).text();
  expect(player).toMatch(/<html lang="zh-CN"/);
  expect(player).toContain(zh.ui.connecting);
  expect(player).not.toContain(en.ui.connecting);

  // An English browser, and one that asks for neither language, get English.
  for (const language of ["en-US,en;q=0.9", "fr-FR"]) {
    const html = await (
      await request.get("/", { headers: { "Accept-Language": language } })
    ).text();
    expect(html).toMatch(/<html lang="en"/);
    expect(html).toContain(en.ui["landing.title"]);
  }
});

test("the switch's cookie outranks Accept-Language", async ({ request }) => {
  const zhCookie = await request.get(PLAYER_PATH, {
    headers: { "Accept-Language": "en-US,en", Cookie: "kba-lang=zh" },
  });
  const zhHtml = await zhCookie.text();
  expect(zhHtml).toMatch(/<html lang="zh-CN"/);
  expect(zhHtml).toContain(zh.ui.connecting);

  const enCookie = await request.get("/", {
    headers: { "Accept-Language": "zh-CN,zh", Cookie: "kba-lang=en" },
  });
  expect(await enCookie.text()).toContain(en.ui["landing.title"]);
});

test("with scripts off, a Chinese browser still reads Chinese (first paint)", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh.ui["landing.title"]);
  await page.goto(PLAYER_PATH);
  await expect(page.getByRole("status")).toHaveText(zh.ui.connecting);
  await context.close();
});

/** React reports a mismatch as an error (#418/#423/#425 minified); collect any. */
function hydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|#418|#423|#425|did not match/i.test(m.text()))
      errors.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (/hydrat|#418|#423|#425/i.test(e.message)) errors.push(e.message);
  });
  return errors;
}

test("Chinese pages hydrate without a mismatch and stay Chinese", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const errors = hydrationErrors(page);
  await page.goto("/");
  // The join button is enabled only once React has hydrated (useHydrated).
  await expect(page.getByTestId("join-submit")).toBeEnabled();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh.ui["landing.title"]);
  await page.goto("/signin");
  await expect(page.locator('button[type="submit"]')).toBeEnabled();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh.ui.signIn);
  expect(errors).toEqual([]);
  await context.close();
});

test("the language switch sets the cookie, and the choice survives a reload", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.ui["landing.title"]);

  await page.getByTestId("lang-switch").selectOption("zh");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh.ui["landing.title"]);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const cookie = (await context.cookies()).find((c) => c.name === "kba-lang");
  expect(cookie?.value).toBe("zh");
  // A year, not a session cookie: closing the browser keeps the choice.
  expect(cookie!.expires * 1000).toBeGreaterThan(Date.now() + 300 * 24 * 3600 * 1000);

  // The server now renders Chinese for this browser, although it still asks for English.
  const html = await (await page.request.get("/")).text();
  expect(html).toMatch(/<html lang="zh-CN"/);
  expect(html).toContain(zh.ui["landing.title"]);
  const errors = hydrationErrors(page);
  await page.reload();
  await expect(page.getByTestId("join-submit")).toBeEnabled();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh.ui["landing.title"]);
  await expect(page.getByTestId("lang-switch")).toHaveValue("zh");
  expect(errors).toEqual([]);

  // And back: English again after the next reload.
  await page.getByTestId("lang-switch").selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.ui["landing.title"]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.ui["landing.title"]);
  await context.close();
});
