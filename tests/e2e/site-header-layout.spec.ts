import { expect, test, type Browser, type Page } from "@playwright/test";
import { en } from "@/app/lib/messages/en";
import { zh } from "@/app/lib/messages/zh";
import { E2E_ADMIN } from "./global-setup";
import { expectNoAxeViolations, signUpHost } from "./helpers";
import { screenGeometry } from "./layout-checks";

/**
 * The signed-in header with every link an account can have (the e2e admin: sets, events, admin,
 * profile, sign out). On a 390 px phone it wrapped to three lines (171 px); it must be one row,
 * its links one tap away in a menu that the keyboard opens, walks and closes. At 1280x720 the
 * links stay in the row. And the admin page's role select: the chosen role while saving, the
 * confirmed one after, the stored one back with the reason on a refusal.
 */

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 720 };
/** One row: the 44-48 px controls plus the header's padding and border. */
const ONE_ROW_PX = 72;

async function signInAdmin(browser: Browser, viewport: typeof PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, isMobile: viewport.width < 500 });
  const page = await context.newPage();
  await page.goto("/signin?callbackUrl=%2F");
  await page.locator('input[name="email"]').fill(E2E_ADMIN.email);
  await page.locator('input[name="password"]').fill(E2E_ADMIN.password);
  await page.getByTestId("signin-submit").click();
  await page.waitForURL((url) => url.pathname === "/");
  return page;
}

async function setLanguage(page: Page, lang: "en" | "zh") {
  await page.getByTestId("lang-switch").selectOption(lang);
  await expect(page.locator("html")).toHaveAttribute("lang", lang === "zh" ? "zh-CN" : "en");
}

const headerHeight = (page: Page) =>
  page.locator(".site-header").evaluate((el) => el.getBoundingClientRect().height);

test("the signed-in header is one row on a 390 px phone, its links in a keyboard menu; at 1280x720 they stay in the row", async ({
  browser,
}) => {
  const phone = await signInAdmin(browser, PHONE);
  const menu = phone.getByTestId("nav-menu");
  for (const lang of ["en", "zh"] as const) {
    const words = lang === "en" ? en.ui : zh.ui;
    await setLanguage(phone, lang);
    expect(await headerHeight(phone), `${lang}: header height`).toBeLessThanOrEqual(ONE_ROW_PX);
    const g = await screenGeometry(phone, PHONE.width);
    expect(g.outside, `${lang}: past the sides`).toEqual([]);
    expect(g.scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await expect(phone.getByTestId("nav-sets")).toBeHidden();
    await expect(menu).toHaveAccessibleName(words["nav.menu"]);
    await expect(menu).toHaveAttribute("aria-expanded", "false");

    // Keyboard: focus the button, open it, walk into the links, close with Escape.
    await menu.focus();
    await phone.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    for (const id of ["nav-sets", "nav-events", "nav-admin", "nav-profile"])
      await expect(phone.getByTestId(id)).toBeInViewport({ ratio: 1 });
    await expect(phone.getByTestId("nav-sign-out")).toBeInViewport({ ratio: 1 });
    await expect(phone.getByTestId("nav-profile")).toContainText(E2E_ADMIN.name);
    await phone.keyboard.press("Tab");
    await expect(phone.getByTestId("nav-sets")).toBeFocused();
    await expect(phone.getByTestId("nav-sets")).toHaveText(words["nav.sets"]);
    // The open menu covers the page; the header itself does not grow.
    expect(await headerHeight(phone)).toBeLessThanOrEqual(ONE_ROW_PX);
    expect((await screenGeometry(phone, PHONE.width)).outside).toEqual([]);
    if (lang === "zh") await expectNoAxeViolations(phone, "open header menu (zh, 390 px)");
    await phone.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(phone.getByTestId("nav-sets")).toBeHidden();
  }

  // A tap on a link follows it and the next page starts with the menu closed.
  await menu.click();
  await phone.getByTestId("nav-events").click();
  await phone.waitForURL(/\/events$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(phone.getByTestId("nav-sets")).toBeHidden();
  // A tap outside it (on the page below the panel) closes it too.
  await menu.click();
  await expect(phone.getByTestId("nav-sets")).toBeVisible();
  await phone.mouse.click(20, PHONE.height - 40);
  await expect(phone.getByTestId("nav-sets")).toBeHidden();

  const laptop = await signInAdmin(browser, LAPTOP);
  for (const lang of ["en", "zh"] as const) {
    await setLanguage(laptop, lang);
    expect(await headerHeight(laptop), `${lang}: laptop header`).toBeLessThanOrEqual(ONE_ROW_PX);
    await expect(laptop.getByTestId("nav-menu")).toBeHidden();
    for (const id of ["nav-sets", "nav-events", "nav-admin", "nav-profile", "nav-sign-out"])
      await expect(laptop.getByTestId(id)).toBeInViewport({ ratio: 1 });
  }
  await setLanguage(laptop, "en");
  await setLanguage(phone, "en");
});

test("a role change shows the chosen role while saving, then the stored one; a refusal puts it back and says why", async ({
  browser,
}) => {
  // Two accounts to change: one stays, one deletes itself before the admin's change lands.
  const user = await (await browser.newContext()).newPage();
  const email = await signUpHost(user, "Role Target");
  const leaver = await (await browser.newContext()).newPage();
  const leaverEmail = await signUpHost(leaver, "Role Leaver");

  const admin = await signInAdmin(browser, LAPTOP);
  await admin.goto("/admin/users");
  await admin.getByTestId("admin-search").fill(email);
  await admin.getByTestId("admin-search").press("Enter");
  const select = admin.locator(`tr[data-email="${email}"]`).getByTestId("role-select");
  await expect(select).toHaveValue("HOST");

  // The PATCH is held until the pending state has been seen (the server answers it unchanged).
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const isRoleChange = (url: URL) => url.pathname.startsWith("/api/admin/users/");
  await admin.route(isRoleChange, async (route) => {
    await held;
    await route.continue();
  });
  await select.selectOption("ORGANISER");
  await expect(select).toHaveValue("ORGANISER");
  await expect(select).toHaveAttribute("data-state", "saving");
  await expect(select).toHaveAttribute("aria-busy", "true");
  await expect(admin.getByTestId("admin-status")).toHaveAttribute("data-state", "saving");
  // Still the chosen role a moment later: nothing snaps back to the old one while it saves.
  await admin.waitForTimeout(300);
  await expect(select).toHaveValue("ORGANISER");
  release();
  await expect(admin.getByTestId("admin-status")).toHaveAttribute("data-state", "saved");
  await expect(select).toHaveAttribute("data-state", "stored");
  await expect(select).toHaveValue("ORGANISER");
  await admin.unroute(isRoleChange);
  await admin.reload();
  await admin.getByTestId("admin-search").fill(email);
  await admin.getByTestId("admin-search").press("Enter");
  await expect(admin.locator(`tr[data-email="${email}"]`).getByTestId("role-select")).toHaveValue(
    "ORGANISER",
  );

  // Refused: the account is gone by the time the change arrives. The table's reload after the
  // refusal is held, so the select can be seen back on the stored role next to the reason.
  await admin.getByTestId("admin-search").fill(leaverEmail);
  await admin.getByTestId("admin-search").press("Enter");
  const leaverSelect = admin.locator(`tr[data-email="${leaverEmail}"]`).getByTestId("role-select");
  await expect(leaverSelect).toHaveValue("HOST");
  const gone = await leaver.request.delete("/api/account", { data: { confirmEmail: leaverEmail } });
  expect(gone.status()).toBe(200);
  let reload: () => void = () => {};
  const reloadHeld = new Promise<void>((resolve) => (reload = resolve));
  await admin.route(
    (url) => url.pathname === "/api/admin/users",
    async (route) => {
      await reloadHeld;
      await route.continue();
    },
  );
  await leaverSelect.selectOption("ORGANISER");
  const refused = admin.getByTestId("admin-refused");
  await expect(refused).toHaveAttribute("data-error", "USER_NOT_FOUND");
  await expect(refused).toContainText("Role Leaver");
  await expect(refused).toContainText(en.ui["role.ORGANISER"]);
  await expect(refused).toContainText(en.errors.USER_NOT_FOUND);
  await expect(leaverSelect).toHaveValue("HOST");
  await expect(leaverSelect).toHaveAttribute("data-state", "stored");
  await expect(admin.getByTestId("admin-status")).toHaveCount(0);
  reload();
  // The reload shows what is stored now: no such account.
  await expect(admin.locator(`tr[data-email="${leaverEmail}"]`)).toHaveCount(0);
});
