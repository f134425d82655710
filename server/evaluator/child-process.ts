import { fork, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Logger } from "../logger";
import type { ChildMessage, ChildReady } from "./protocol";

/** The evaluator child could not be started: a server fault, not the model's. */
export class EvaluatorUnavailableError extends Error {
  override name = "EvaluatorUnavailableError";
}

export interface EvaluatorChild {
  process: ChildProcess;
  /** Resolves when TF.js and the scoring tensors are ready; rejects if start-up fails. */
  ready: Promise<ChildReady>;
}

const here = fileURLToPath(import.meta.url);
// Run from source (tsx, vitest) the child is a .ts file that needs the tsx loader; compiled, .js.
const childEntry = here.replace(/child-process\.(ts|js)$/, "evaluate-child.$1");
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Forks the TF.js child. It is unref'd, so an idle warm child keeps neither the server nor a test
 * run alive; while a job runs, its timer does. `--max-old-space-size` caps the V8 heap only:
 * wasm memory and ArrayBuffers are outside it, which is why the caller also polls VmRSS.
 */
export function startEvaluatorChild(options: {
  maxOldSpaceMb: number;
  startTimeoutMs: number;
  log: Logger;
}): EvaluatorChild {
  const { log, startTimeoutMs } = options;
  if (!existsSync(childEntry)) throw new EvaluatorUnavailableError(`missing ${childEntry}`);
  const proc = fork(childEntry, [], {
    cwd: repoRoot,
    execArgv: [
      ...(childEntry.endsWith(".ts") ? ["--import", "tsx"] : []),
      `--max-old-space-size=${options.maxOldSpaceMb}`,
    ],
    // Structured clone instead of JSON: the weights string crosses once, without re-escaping.
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  proc.unref();
  proc.channel?.unref();
  // Without a listener, a failed spawn or a broken channel would throw in the server.
  proc.on("error", (error) => log.error("evaluator: child error", { error: error.message }));
  proc.once("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGKILL") log.warn("evaluator: child exited", { code, signal });
  });
  const ready = new Promise<ChildReady>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      proc.kill("SIGKILL");
      reject(new EvaluatorUnavailableError(`evaluator child not ready in ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message.type !== "ready") return;
      cleanup();
      const warmUpMs = Math.round(message.warmUpMs);
      log.info("evaluator: child ready", {
        childPid: proc.pid,
        backend: message.backend,
        warmUpMs,
      });
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(
        new EvaluatorUnavailableError(`evaluator child exited in start-up (${signal ?? code})`),
      );
    };
    const cleanup = () => {
      clearTimeout(timer);
      proc.off("message", onMessage);
      proc.off("exit", onExit);
    };
    proc.on("message", onMessage);
    proc.on("exit", onExit);
  });
  ready.catch(() => undefined); // awaited by the evaluator; this only marks it handled
  return { process: proc, ready };
}

/** VmRSS of a process, from /proc (Linux); undefined if it cannot be read. */
export function readRssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
