import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { en } from "@/app/lib/messages/en";
import { zh } from "@/app/lib/messages/zh";
import { runUserCode, UserCodeError } from "@/app/workers/code-runner";
import { Dataset } from "@/app/workers/dataset";
import { ReasonError, reasonOf } from "@/app/workers/protocol";

/**
 * The training worker has no language: it reports the lab's own failures as message keys, which
 * the page words in the player's language; only text from the player's code or TF.js passes
 * through as it came ("reason.other").
 */

const tinyData = () => new Dataset(new Uint8Array(784 * 12), new Uint8Array(12), 2);
const context = () => ({
  data: tinyData(),
  trainCount: 10,
  log: () => {},
  progress: () => {},
  onEpoch: () => Promise.resolve(),
  shouldStop: () => false,
});

describe("lab failure reasons", () => {
  it("code that returns no model fails with the reason key, translated in both languages", async () => {
    await tf.setBackend("cpu");
    const failure = await runUserCode("return 42;", context()).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UserCodeError);
    const reason = reasonOf(failure);
    expect(reason).toEqual({ key: "reason.noModel" });
    expect(en.ui[reason.key]).toContain("must return the trained model");
    expect(zh.ui[reason.key]).toBe("代码必须返回训练好的模型（一个 tf.Sequential）");
  });

  it("an error thrown by the player's code keeps its own text and line", async () => {
    const failure = await runUserCode('\nthrow new TypeError("boom");', context()).then(
      () => null,
      (error: unknown) => error,
    );
    expect(reasonOf(failure)).toEqual({
      key: "reason.other",
      params: { message: "TypeError: boom" },
    });
  });

  it("a data set with nothing left to train on says so as a key", () => {
    const build = () => new Dataset(new Uint8Array(784 * 2), new Uint8Array(2), 2);
    expect(build).toThrow(ReasonError);
    try {
      build();
    } catch (error) {
      expect(reasonOf(error)).toEqual({ key: "reason.noTrainingImages" });
    }
  });
});
