import { describe, expect, it } from "vitest";
import { htmlLang, localeFromAcceptLanguage, pickLocale } from "@/app/lib/locale";

describe("pickLocale: the language a page is rendered in", () => {
  it("takes the switch's cookie first", () => {
    expect(pickLocale("zh", "en-US,en;q=0.9")).toBe("zh");
    expect(pickLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
  });

  it("falls back to Accept-Language, then English", () => {
    expect(pickLocale(undefined, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(pickLocale(undefined, "fr-FR,fr;q=0.9")).toBe("en");
    expect(pickLocale(undefined, undefined)).toBe("en");
  });

  it("ignores a cookie that names no language of ours", () => {
    expect(pickLocale("de", "zh-TW")).toBe("zh");
    expect(pickLocale("", null)).toBe("en");
  });
});

describe("localeFromAcceptLanguage", () => {
  it("picks the supported language with the highest weight", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr;q=1, zh-Hant;q=0.7, en;q=0.5")).toBe("zh");
    expect(localeFromAcceptLanguage("en;q=0.2, zh;q=0.9")).toBe("zh");
  });

  it("skips refused and malformed entries", () => {
    expect(localeFromAcceptLanguage("zh;q=0, en;q=0.1")).toBe("en");
    expect(localeFromAcceptLanguage("zh;q=abc")).toBeNull();
    expect(localeFromAcceptLanguage("*")).toBeNull();
  });
});

it("tags Chinese pages zh-CN for <html lang>", () => {
  expect(htmlLang("zh")).toBe("zh-CN");
  expect(htmlLang("en")).toBe("en");
});
