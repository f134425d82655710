/**
 * Training throughput of the lab in a real browser: samples per second of the lab's own code
 * (PRESETS.mlp and PRESETS.cnn from app/lab/guided-spec.ts, built by buildGuidedModel, trained by
 * trainLoop on a Dataset, on the backend chooseBackend starts) in headless Chromium, per backend
 * (webgl, wasm, cpu), against the cpu backend measured in the same run. Prints figures and writes
 * them to bench/results/browser-training.json (not committed); never fails on a time.
 *
 *   node --import tsx bench/browser-training.ts [--rounds 3] [--batch 64] [--scale 1]
 *     [--backends webgl,wasm,cpu]
 *
 * How: Vite bundles bench/browser (a page, and a worker that imports the lab's modules; one worker
 * per backend, as the lab runs one) into a temporary folder; a server on 127.0.0.1 serves it with
 * the first 12,000 MNIST training images and the wasm binaries; Playwright drives Debian's
 * Chromium, and any request to another origin is aborted. WebGL here is SwiftShader, Chrome's
 * software rasteriser: the lab's "auto" skips it for that reason, so the bench asks for each
 * backend by name and reports the one chooseBackend really started. The page sends no COOP/COEP
 * headers, like the lab, so wasm runs without threads.
 *
 * Method: per (backend, model), one short warm-up run (shader compilation, wasm start-up, first
 * allocations; its last batch has the timed runs' last batch's shape, for which WebGL compiles
 * its own shaders), then `--rounds` timed runs of a fixed number of images, interleaved round by round
 * so that other load on a shared machine hits every contender alike. Each run builds a fresh model
 * and trains it with trainLoop, whose LoopOutcome.samplesPerSec is the figure the lab displays;
 * the table shows the median and the range. Batch size and learning rate are the lab's defaults.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "@playwright/test";
import { buildPage, servePage, type PageServer } from "./browser/page-server";
import type {
  BackendReport,
  BenchBackend,
  BenchModel,
  TrainReport,
  TrainRequest,
} from "./browser/protocol";
import { render, summarise, type Contender } from "./browser/report";
import { fmt } from "./support/stats";

const IMAGES = 12_000;
const LEARNING_RATE = 0.005;
const WARM_UP_BATCHES = 8;
/** A call that takes this long is stuck, not slow. */
const CALL_TIMEOUT_MS = 10 * 60_000;
/**
 * Images per timed run at --scale 1, for runs of ~2-8 s on 2 busy cores (measured here: wasm MLP
 * ~9,000 images/s, SwiftShader WebGL CNN ~150, cpu CNN ~100-180); the whole bench takes ~2-3
 * minutes. More images than the 12,000 served means more epochs over them.
 */
const SAMPLES: Record<BenchModel, Record<BenchBackend, number>> = {
  mlp: { webgl: 6_000, wasm: 24_000, cpu: 6_000 },
  cnn: { webgl: 640, wasm: 6_000, cpu: 1_000 },
};
const MODELS: readonly BenchModel[] = ["mlp", "cnn"];
const BACKENDS: readonly BenchBackend[] = ["webgl", "wasm", "cpu"];
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  // WebGL without a GPU: ANGLE on SwiftShader, which Chrome only offers to WebGL behind this flag.
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
];

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    batch: { type: "string", default: "64" },
    scale: { type: "string", default: "1" },
    backends: { type: "string", default: BACKENDS.join(",") },
  },
});
const rounds = Number(args.rounds);
const batchSize = Number(args.batch);
const scale = Number(args.scale);
const isBackend = (name: string): name is BenchBackend => BACKENDS.some((b) => b === name);
const requested = args.backends.split(",").map((s) => s.trim());
const backends = requested.filter(isBackend);
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(batchSize) || batchSize < 1)
  throw new Error("--rounds and --batch take positive integers");
if (!(scale > 0)) throw new Error("--scale takes a positive number, e.g. 0.25 for a quick look");
if (backends.length === 0 || backends.length !== requested.length)
  throw new Error(`--backends takes a comma-separated list of ${BACKENDS.join(", ")}`);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A worker that stopped answering: it is closed, so it cannot go on loading the machine. */
class StuckWorker extends Error {}

async function withTimeout<T>(work: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StuckWorker(`${label}: no answer after ${CALL_TIMEOUT_MS / 1000} s`)),
      CALL_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// The callbacks given to page.evaluate run in the page: they cannot share a helper from here.
function open(page: Page, backend: BenchBackend): Promise<BackendReport> {
  return withTimeout(
    page.evaluate((b) => {
      if (!window.kbaBench) throw new Error("the bench page has not started");
      return window.kbaBench.open(b);
    }, backend),
    `open ${backend}`,
  );
}

function train(page: Page, backend: BenchBackend, request: TrainRequest): Promise<TrainReport> {
  return withTimeout(
    page.evaluate(
      ([b, r]) => {
        if (!window.kbaBench) throw new Error("the bench page has not started");
        return window.kbaBench.train(b, r);
      },
      [backend, request] as const,
    ),
    `train ${request.model} on ${backend}`,
  );
}

/** The warm-up round (-1) first, then the timed rounds, every contender once per round. */
async function measure(page: Page, opened: BenchBackend[]): Promise<Contender[]> {
  const contenders: Contender[] = MODELS.flatMap((model) =>
    opened.map((backend) => ({
      backend,
      model,
      batchSize,
      samples: Math.max(batchSize, Math.round(SAMPLES[model][backend] * scale)),
      runs: [],
      error: null,
    })),
  );
  for (let round = -1; round < rounds; round++) {
    for (const c of contenders) {
      if (c.error) continue;
      const warmUp = round < 0;
      try {
        const run = await train(page, c.backend, {
          model: c.model,
          samples: c.samples,
          batchSize,
          learningRate: LEARNING_RATE,
          warmUpBatches: warmUp ? WARM_UP_BATCHES : null,
        });
        if (!warmUp) c.runs.push(run);
        const label = warmUp ? "warm-up" : `round ${round + 1}/${rounds}`;
        console.log(
          `${label.padEnd(11)} ${c.model} on ${run.backend}: ${fmt(run.samplesPerSec)} samples/s (${run.samples} in ${fmt(run.wallMs / 1000)} s)`,
        );
      } catch (error) {
        c.error = message(error);
        console.error(`${c.model} on ${c.backend} failed: ${c.error}`);
        if (error instanceof StuckWorker) {
          await page.evaluate((b) => window.kbaBench?.close(b), c.backend);
          for (const other of contenders.filter((o) => o.backend === c.backend))
            other.error ??= `${c.backend} worker closed after: ${c.error}`;
        }
      }
    }
  }
  return contenders;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    loadAverage1mAtStart: os.loadavg()[0] ?? 0,
    commit: execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(),
  };
  const outDir = mkdtempSync(path.join(os.tmpdir(), "kba-bench-browser-"));
  process.once("exit", () => rmSync(outDir, { recursive: true, force: true }));
  // Exiting through process.exit runs the hook above; Playwright closes its browser on exit.
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));

  let server: PageServer | null = null;
  let browser: Browser | null = null;
  try {
    const bundling = performance.now();
    await buildPage(outDir);
    console.log(`bundled bench/browser in ${fmt((performance.now() - bundling) / 1000)} s`);
    server = await servePage(outDir, IMAGES);
    const { origin } = server;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext();
    const blocked: string[] = [];
    await context.route(
      (url) => url.origin !== origin,
      (route) => {
        blocked.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") console.error(`browser console: ${m.text()}`);
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.kbaBench !== undefined);

    const opened = new Map<BenchBackend, BackendReport>();
    for (const backend of backends) {
      try {
        const report = await open(page, backend);
        opened.set(backend, report);
        const fallback = report.info.fallback
          ? ` (fell back from ${report.info.fallback.from}: ${report.info.fallback.reason})`
          : "";
        console.log(`${backend}: chooseBackend started ${report.info.backend}${fallback}`);
      } catch (error) {
        process.exitCode = 1;
        console.error(`${backend}: could not start: ${message(error)}`);
      }
    }

    const contenders = await measure(page, [...opened.keys()]);
    if (contenders.some((c) => c.error)) process.exitCode = 1;
    const results = summarise(contenders, opened);
    const renderer = opened.get("webgl")?.renderer ?? null;
    console.log(`\n${render(results, opened, rounds)}`);
    console.log(
      `Chromium ${browser.version()}, TF.js ${[...opened.values()][0]?.tfjsVersion ?? "?"}, ${machine.cpus} cores (1-min load average ${fmt(machine.loadAverage1mAtStart)} at start, ${fmt(os.loadavg()[0] ?? 0)} at end); ${IMAGES.toLocaleString("en")} MNIST images, lr ${LEARNING_RATE}, one warm-up run each`,
    );
    if (renderer) console.log(`WebGL renderer: ${renderer}`);
    if (blocked.length > 0) console.log(`Blocked requests to other origins: ${blocked.join(", ")}`);
    if (server.misses.length > 0) console.log(`Not found: ${server.misses.join(", ")}`);

    const dir = path.join(import.meta.dirname, "results");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "browser-training.json");
    const options = { rounds, batchSize, scale, learningRate: LEARNING_RATE, images: IMAGES };
    const json = {
      startedAt,
      machine: { ...machine, loadAverage1mAtEnd: os.loadavg()[0] ?? 0 },
      chromium: { version: browser.version(), args: CHROMIUM_ARGS },
      options,
      backends: [...opened.values()],
      results,
      blocked,
      notFound: server.misses,
    };
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
  } finally {
    await browser?.close();
    await server?.close();
  }
}

await main();
