import { describe, expect, it } from "vitest";
import { SET_LIMITS } from "@/lib/question-sets/schema";
import { distinctTitle } from "@/lib/question-sets/titles";

describe("an imported set's title", () => {
  it("is kept when none of the importer's sets has it", () => {
    const title = { en: "Graphs", zh: "图" };
    expect(distinctTitle(title, [{ en: "Trees" }, { zh: "树" }])).toBe(title);
  });

  it("is numbered in every language when either language clashes, ignoring case and spaces", () => {
    expect(distinctTitle({ en: "Graphs", zh: "图" }, [{ en: "  graphs " }])).toEqual({
      en: "Graphs (2)",
      zh: "图 (2)",
    });
    expect(distinctTitle({ en: "Graphs", zh: "图" }, [{ zh: "图" }])).toEqual({
      en: "Graphs (2)",
      zh: "图 (2)",
    });
  });

  it("takes the first number free in both languages", () => {
    const taken = [{ en: "Graphs" }, { en: "Graphs (2)" }, { zh: "图 (3)" }];
    expect(distinctTitle({ en: "Graphs", zh: "图" }, taken)).toEqual({
      en: "Graphs (4)",
      zh: "图 (4)",
    });
  });

  it("stays within the title's length cap", () => {
    const long = "x".repeat(SET_LIMITS.title);
    const renamed = distinctTitle({ en: long }, [{ en: long }]);
    expect(renamed.en).toHaveLength(SET_LIMITS.title);
    expect(renamed.en?.endsWith(" (2)")).toBe(true);
  });
});
