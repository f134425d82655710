import { expect, test, type Browser, type Page } from "@playwright/test";

/**
 * The coding-round journeys. Scratch: a host adds a coding round in the setup form, a player
 * opens the training lab, trains a small MLP in the browser (Web Worker, TF.js), quantizes it to
 * uint8, submits it, and sees the server's score; the host's live board shows the same accuracy,
 * and closing the round shows the private-split standings. Shrink: the lab starts from the
 * server's baseline, survives a reload, and a compressed copy earns the points.
 */

/** The lab is a laptop tool: every page gets a desktop-sized context. */
async function desktopPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
}

async function signUpHost(page: Page): Promise<void> {
  await page.goto("/signup");
  await page.locator('input[name="name"]').fill("Lab Host");
  await page.locator('input[name="email"]').fill(`lab-host-${Date.now()}@example.test`);
  await page.locator('input[name="password"]').fill("correct horse battery");
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signup"));
}

/**
 * A signed-up host sets up one quiz question and one coding round before it (`fill` sets the
 * round's fields by test id, after the variant is chosen), creates the room, and returns its code.
 */
async function hostCodingRoom(
  host: Page,
  variant: "scratch" | "shrink",
  fill: Record<string, string>,
): Promise<string> {
  await signUpHost(host);
  await host.goto("/host");
  await host.locator('input[name="questionCount"]').fill("1");
  await host.getByTestId("coding-add").click();
  await host.getByTestId("coding-afterQuestion").fill("0");
  await host.getByTestId("coding-variant").selectOption(variant);
  // A shrink round asks for the margin below the baseline instead of a fixed floor.
  const [shown, hidden] =
    variant === "shrink"
      ? ["coding-maxDropPoints", "coding-floorPercent"]
      : ["coding-floorPercent", "coding-maxDropPoints"];
  await expect(host.getByTestId(shown)).toBeVisible();
  await expect(host.getByTestId(hidden)).toHaveCount(0);
  for (const [testId, value] of Object.entries(fill)) await host.getByTestId(testId).fill(value);
  await host.getByTestId("create-room").click();
  await host.waitForURL(/\/host\/[A-Z0-9]{6}$/);
  return (await host.getByTestId("room-code").innerText()).trim();
}

async function joinLobby(player: Page, code: string, nickname: string): Promise<void> {
  await player.goto(`/play?code=${code}`);
  await player.locator('input[name="nickname"]').fill(nickname);
  await player.getByTestId("join-submit").click();
  await expect(player.getByTestId("player-screen")).toHaveAttribute("data-phase", "lobby");
}

test("a player trains, quantizes and submits a model; the host's board shows its score", async ({
  browser,
}) => {
  const host = await desktopPage(browser);
  const code = await hostCodingRoom(host, "scratch", {
    "coding-floorPercent": "50",
    "coding-trainingBudget": "10000",
    "coding-durationMin": "5",
  });
  const player = await desktopPage(browser);
  await joinLobby(player, code, "Ada");

  // The quiz screens never start TF.js: no worker and no wasm fetch before the coding round.
  const workers: string[] = [];
  const wasm: string[] = [];
  player.on("worker", (w) => workers.push(w.url()));
  player.on("request", (r) => {
    if (r.url().includes("/tfjs-wasm/")) wasm.push(r.url());
  });
  await player.waitForTimeout(500);
  expect(workers).toEqual([]);
  expect(wasm).toEqual([]);

  // What each shard weighed on the wire (the encoded body, as the browser received it).
  const shards: Promise<{ bytes: number; encoding: string | undefined }>[] = [];
  player.on("requestfinished", (r) => {
    if (/\/training-data\/\d+/.test(r.url())) {
      shards.push(
        Promise.all([r.sizes(), r.response()]).then(([sizes, response]) => ({
          bytes: sizes.responseBodySize,
          encoding: response?.headers()["content-encoding"],
        })),
      );
    }
  });
  await host.getByTestId("host-start").click();
  await expect(host.getByTestId("coding-stage")).toBeVisible();
  await expect(host.getByTestId("coding-rules")).toContainText("50%");

  // The lab loads on the coding round only, downloads the split and starts a backend.
  await expect(player.getByTestId("lab")).toBeVisible();
  await expect(player.getByTestId("lab-data-ready")).toBeVisible({ timeout: 30_000 });
  await expect(player.getByTestId("lab-backend")).not.toHaveAttribute("data-backend", "", {
    timeout: 30_000,
  });
  // Ten shards of 1,000 images for a budget of 10,000, counted as they cross the network.
  const received = await Promise.all(shards);
  expect(received).toHaveLength(10);
  // Sent as gzip files, not re-encoded: the lab counts exactly these bytes.
  expect(received.every((s) => s.encoding === undefined)).toBe(true);
  const onTheWire = received.reduce((sum, s) => sum + s.bytes, 0);
  expect(onTheWire).toBeLessThan(2_500_000);
  await expect(player.getByTestId("lab-data-ready")).toContainText(
    `${(onTheWire / 1_000_000).toFixed(2)} MB`,
  );

  // Code mode: a syntax error names the engine's message, its line and its column.
  await player.getByTestId("lab-mode-code").click();
  const editor = player.locator(".cm-content");
  await editor.click();
  await player.keyboard.press("ControlOrMeta+a");
  await player.keyboard.insertText("const a = 1;\nmodel.fit(data.xs, data.ys;\nreturn a;");
  await player.getByTestId("lab-train").click();
  await expect(player.getByTestId("lab-job-error")).toContainText(
    "Syntax error at line 2, column 27: missing ) after argument list",
  );

  await player.getByTestId("lab-mode-guided").click();
  await player.getByTestId("lab-preset-mlp").click();
  await player.getByTestId("lab-train-count").fill("2000");
  await player.getByTestId("lab-epochs").fill("1");
  await player.getByTestId("lab-train").click();
  const versions = player.getByTestId("lab-version");
  await expect(versions).toHaveCount(1, { timeout: 30_000 });

  await player.getByTestId("lab-quantize-dtype").selectOption("uint8");
  await player.getByTestId("lab-quantize").click();
  await expect(versions).toHaveCount(2, { timeout: 20_000 });
  // Newest first, and picked: the quantized model, about a quarter of the float32 size.
  const quantized = versions.first();
  await expect(quantized.getByTestId("lab-version-select")).toBeChecked();
  const float32Kb = parseFloat(await versions.nth(1).getByTestId("lab-version-size").innerText());
  const uint8Kb = parseFloat(await quantized.getByTestId("lab-version-size").innerText());
  expect(uint8Kb).toBeLessThan(float32Kb / 2);

  await expect(player.getByTestId("lab-remaining")).toContainText("10 of 10");
  await player.getByTestId("lab-submit").click();
  const submission = player.getByTestId("lab-submission").first();
  await expect(submission).toHaveAttribute("data-state", "scored", { timeout: 30_000 });
  const score = (await submission.getByTestId("lab-public-accuracy").innerText()).trim();
  expect(parseFloat(score)).toBeGreaterThan(60);
  await expect(player.getByTestId("lab-remaining")).toContainText("9 of 10");

  // The host's live board (public split) shows the same figure for Ada.
  const row = host.getByTestId("coding-board-row").filter({ hasText: "Ada" });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("coding-board-accuracy")).toHaveText(score);
  await expect(host.getByTestId("coding-board")).toHaveAttribute("data-split", "public");

  // Closing the round: the private split decides, and points appear.
  await host.getByTestId("host-next").click();
  await expect(host.getByTestId("coding-private-note")).toBeVisible();
  await expect(host.getByTestId("coding-board")).toHaveAttribute("data-split", "private", {
    timeout: 30_000,
  });
  await expect(row.getByTestId("coding-board-points")).toHaveText("1000");
});

test("in a shrink round the lab starts from the server's baseline; a quantized copy under half its size scores", async ({
  browser,
}) => {
  const host = await desktopPage(browser);
  const code = await hostCodingRoom(host, "shrink", {
    "coding-maxDropPoints": "1",
    "coding-trainingBudget": "5000",
  });

  const player = await desktopPage(browser);
  await joinLobby(player, code, "Grace");
  await host.getByTestId("host-start").click();
  await expect(host.getByTestId("coding-rules")).toContainText("1%");

  // Without training anything, version #1 is the baseline, measured on the held-out images.
  await expect(player.getByTestId("lab-shrink")).toHaveAttribute("data-state", "ready", {
    timeout: 60_000,
  });
  const versions = player.getByTestId("lab-version");
  await expect(versions).toHaveCount(1);
  await expect(versions.first()).toContainText(/Baseline/);
  const baselineKb = parseFloat(await versions.first().getByTestId("lab-version-size").innerText());
  const baselineAccuracy = parseFloat(
    await versions.first().getByTestId("lab-version-accuracy").innerText(),
  );
  expect(baselineKb).toBeGreaterThan(300);
  expect(baselineAccuracy).toBeGreaterThan(95);

  await player.getByTestId("lab-quantize-dtype").selectOption("uint8");
  await player.getByTestId("lab-quantize").click();
  await expect(versions).toHaveCount(2, { timeout: 30_000 });
  const quantized = versions.first();
  const quantizedKb = parseFloat(await quantized.getByTestId("lab-version-size").innerText());
  const quantizedAccuracy = parseFloat(
    await quantized.getByTestId("lab-version-accuracy").innerText(),
  );
  expect(quantizedKb).toBeLessThan(baselineKb / 2);
  expect(baselineAccuracy - quantizedAccuracy).toBeLessThan(1);

  // A reload mid-round keeps the lab's work: both versions come back, the quantized one still
  // picked, and the baseline is not measured a second time once the worker is up again.
  await player.reload();
  await expect(versions).toHaveCount(2, { timeout: 30_000 });
  await expect(player.getByTestId("lab-backend")).not.toHaveAttribute("data-backend", "", {
    timeout: 30_000,
  });
  await expect(player.getByTestId("lab-shrink")).toHaveAttribute("data-state", "ready");
  await player.waitForTimeout(1000);
  await expect(versions).toHaveCount(2);
  await expect(versions.first().getByTestId("lab-version-select")).toBeChecked();

  await player.getByTestId("lab-submit").click();
  const submission = player.getByTestId("lab-submission").first();
  await expect(submission).toHaveAttribute("data-state", "scored", { timeout: 30_000 });
  const shown = await submission.innerText();
  expect(shown).toMatch(/^#2: /);

  // Another reload: the list of submissions comes back from the server, score, size and the
  // version it was, beside the remaining count.
  await player.reload();
  await expect(player.getByTestId("lab-submission")).toHaveCount(1, { timeout: 30_000 });
  await expect(submission).toHaveAttribute("data-state", "scored");
  await expect(submission).toHaveText(shown);
  await expect(player.getByTestId("lab-remaining")).toContainText("9 of 10");

  const row = host.getByTestId("coding-board-row").filter({ hasText: "Grace" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("✓");

  // The private split decides: still within a point of the baseline, so full points.
  await host.getByTestId("host-next").click();
  await expect(host.getByTestId("coding-board")).toHaveAttribute("data-split", "private", {
    timeout: 30_000,
  });
  await expect(row.getByTestId("coding-board-points")).toHaveText("1000");
});
