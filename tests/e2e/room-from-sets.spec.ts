import { expect, test, type Page } from "@playwright/test";
import type { QuestionSetDraftInput } from "@/lib/question-sets/schema";
import { SET_A, SET_B } from "../support/host-sets";
import { answerCurrentQuestion, joinRoom, newPhone, signUpHost } from "./helpers";

/**
 * Room setup from sets: a host with two sets of their own (made through the /api/sets HTTP API,
 * not the authoring pages) filters them, picks questions in an order of their own across both
 * sets, and the room plays exactly those, in that order, on the host's screen and the phones.
 */

async function createSet(host: Page, set: QuestionSetDraftInput): Promise<string> {
  const origin = new URL(host.url()).origin;
  const response = await host.request.post("/api/sets", {
    data: { set, visibility: "private" },
    headers: { origin },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { ok: true; data: { id: string } };
  return body.data.id;
}

test("a host plays a filtered, hand-picked selection of two sets in the chosen order", async ({
  browser,
}) => {
  const host = await (await browser.newContext()).newPage();
  await signUpHost(host);
  await createSet(host, SET_A);
  await createSet(host, SET_B);

  await host.goto("/host");
  const sets = host.getByTestId("setup-sets");
  // The built-in bank is ticked by default: this room uses the host's two sets instead.
  await sets.getByRole("checkbox", { checked: true }).uncheck();
  await sets.getByLabel(/Graphs A/).check();
  await sets.getByLabel(/Graphs B/).check();
  await expect(host.getByTestId("setup-matching")).toHaveText("7 questions match");

  await host.getByRole("checkbox", { name: "graphs", exact: true }).check();
  await host.getByRole("checkbox", { name: "Single choice" }).check();
  await expect(host.getByTestId("setup-matching")).toHaveText("3 questions match");

  await host.getByRole("radio", { name: "Choose them one by one" }).check();
  const list = host.getByTestId("setup-questions");
  await host.getByLabel("Search the questions").fill("b-three");
  await list.getByRole("checkbox").check();
  await host.getByLabel("Search the questions").fill("");
  await list.getByLabel(/Prompt a-one\?/).check();
  await expect(host.getByTestId("setup-will-play")).toHaveText("This room will play 2 questions.");

  await host.getByTestId("create-room").click();
  await host.waitForURL(/\/host\/[A-Z0-9]{6}$/);
  const code = (await host.getByTestId("room-code").innerText()).trim();

  const players: Page[] = [];
  for (const nickname of ["Ada", "Linus"]) {
    const phone = await newPhone(browser);
    await joinRoom(phone, code, nickname);
    players.push(phone);
  }
  await expect(host.getByTestId("lobby-player")).toHaveCount(2);

  await host.getByTestId("host-start").click();
  for (const prompt of ["Prompt b-three?", "Prompt a-one?"]) {
    await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "question");
    await expect(host.locator("#question-prompt")).toHaveText(prompt);
    // A host's own topic tag is shown as written.
    await expect(host.locator(".question-topic")).toHaveText("graphs");
    for (const phone of players) {
      await expect(phone.locator("#question-prompt")).toHaveText(prompt);
      await answerCurrentQuestion(phone);
    }
    await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "reveal");
    await host.getByTestId("host-next").click();
    await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "leaderboard");
    await host.getByTestId("host-next").click();
  }
  await expect(host.getByTestId("host-screen")).toHaveAttribute("data-phase", "podium");

  // The setup remembers the host's last choices on this browser.
  await host.goto("/host");
  await expect(host.getByRole("radio", { name: "Choose them one by one" })).toBeChecked();
  await expect(host.getByTestId("setup-will-play")).toHaveText("This room will play 2 questions.");
});
