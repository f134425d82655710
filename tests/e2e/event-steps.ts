import { expect, type Browser, type Page } from "@playwright/test";
import type { Role } from "@/lib/accounts/roles";
import { E2E_ADMIN } from "./global-setup";
import { signUpHost } from "./helpers";

/** Shared steps of the event journeys: an organiser, an event, invite links, registrations. */

/** The e2e administrator (global-setup.ts) grants `role` to `email` on /admin/users. */
export async function grantRole(browser: Browser, email: string, role: Role): Promise<void> {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await admin.goto("/signin?callbackUrl=%2Fadmin%2Fusers");
  await admin.locator('input[name="email"]').fill(E2E_ADMIN.email);
  await admin.locator('input[name="password"]').fill(E2E_ADMIN.password);
  await admin.getByTestId("signin-submit").click();
  await admin.waitForURL(/\/admin\/users$/);
  await admin.getByTestId("admin-search").fill(email);
  await admin.getByTestId("admin-search").press("Enter");
  const row = admin.locator(`tr[data-email="${email}"]`);
  await expect(row).toHaveCount(1);
  await row.getByTestId("role-select").selectOption(role);
  // The select shows the choice at once, then the role the server confirmed.
  await expect(row.getByTestId("role-select")).toHaveValue(role);
  await expect(admin.getByTestId("admin-status")).toHaveAttribute("data-state", "saved");
  await expect(row.getByTestId("role-select")).toHaveAttribute("data-state", "stored");
  await expect(row.getByTestId("role-select")).toHaveValue(role);
  await context.close();
}

/** A new account, signed in on `page`, made an ORGANISER by the admin; returns its email. */
export async function signUpOrganiser(
  browser: Browser,
  page: Page,
  name = "Event Organiser",
): Promise<string> {
  const email = await signUpHost(page, name);
  await grantRole(browser, email, "ORGANISER");
  return email;
}

export interface EventFormInput {
  name: string;
  terms?: string;
  /** The question sets' indexes in the form's list (the built-in bank comes first). */
  sets?: number[];
  coding?: { variant: "scratch" | "shrink"; minutes: number } | null;
}

/** Fills /events' form, creates the event, and returns its id from the page it lands on. */
export async function createEvent(page: Page, input: EventFormInput): Promise<string> {
  // By the header's link, which only organisers have.
  await page.goto("/");
  await page.getByTestId("nav-events").click();
  await page.waitForURL(/\/events$/);
  await page.getByTestId("event-name-input").fill(input.name);
  await page
    .getByTestId("event-terms-input")
    .fill(input.terms ?? "Your answers and scores are shared with the organiser.");
  for (const index of input.sets ?? [0]) await page.getByTestId("event-set").nth(index).check();
  if (input.coding) {
    await page.getByTestId("event-coding").check();
    await page.getByTestId("event-coding-variant").selectOption(input.coding.variant);
    await page.getByTestId("event-coding-minutes").fill(String(input.coding.minutes));
  }
  await page.getByTestId("event-create").click();
  await page.waitForURL(/\/events\/[a-z0-9]{10,40}$/);
  await expect(page.getByTestId("event-name")).toHaveText(input.name);
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

/** Makes an invite link on the event page (shown once) and returns it. */
export async function createInvite(page: Page, label: string): Promise<string> {
  await page.getByTestId("invite-label").fill(label);
  await page.getByTestId("create-invite").click();
  const link = page.getByTestId("invite-link");
  await expect(link).toHaveValue(/\/events\/[a-z0-9]+\/register#.{20,}/);
  await expect(page.getByTestId("invite-row").filter({ hasText: label })).toHaveCount(1);
  return link.inputValue();
}

/** Opens an invite link, registers with a name and an email, and waits for the confirmation. */
export async function register(page: Page, link: string, name: string, email: string) {
  await page.goto(link);
  await expect(page.getByTestId("register-form")).toBeVisible();
  await page.getByTestId("candidate-name").fill(name);
  await page.getByTestId("candidate-email").fill(email);
  await page.getByTestId("accept-terms").check();
  await page.getByTestId("register-submit").click();
  await expect(page.getByTestId("registered")).toBeVisible();
  // The secret is dropped from the address bar once used.
  expect(new URL(page.url()).hash).toBe("");
}
