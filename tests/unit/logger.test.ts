import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, defaultLevel, type LogLevel } from "@/server/logger";

/** A logger writing into an array of parsed lines. */
function capture(level: LogLevel) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger(level, { destination }) };
}

describe("the pino logger behind server/logger.ts", () => {
  it("writes one JSON object per line: time, level label, message, fields", () => {
    const { lines, logger } = capture("info");
    logger.info("room created", { code: "ABCD", questions: 5 });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: "info",
      message: "room created",
      code: "ABCD",
      questions: 5,
    });
    expect(line!.pid).toBe(process.pid);
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
  });

  it("drops lines below its level, and silent drops them all", () => {
    const warn = capture("warn");
    warn.logger.debug("d");
    warn.logger.info("i");
    warn.logger.warn("w");
    warn.logger.error("e");
    expect(warn.lines.map((l) => l.level)).toEqual(["warn", "error"]);
    const silent = capture("silent");
    silent.logger.error("e");
    expect(silent.lines).toEqual([]);
  });

  it("keeps an Error's type, message and stack under `error`; a string stays a string", () => {
    const { lines, logger } = capture("info");
    logger.error("handler failed", { error: new TypeError("boom") });
    logger.error("persist failed", { error: "Error: connection refused" });
    expect(lines[0]!.error).toMatchObject({ type: "TypeError", message: "boom" });
    expect((lines[0]!.error as { stack: string }).stack).toContain("logger.test.ts");
    expect(lines[1]!.error).toBe("Error: connection refused");
  });

  it("a child adds its bindings to every line", () => {
    const { lines, logger } = capture("debug");
    const room = logger.child({ room: "WXYZ" });
    room.debug("phase", { phase: "question" });
    room.child({ playerId: "p1" }).info("joined");
    expect(lines).toMatchObject([
      { room: "WXYZ", phase: "question", message: "phase" },
      { room: "WXYZ", playerId: "p1", message: "joined" },
    ]);
  });

  it("takes LOG_LEVEL when valid; quiet under tests otherwise, info elsewhere", () => {
    expect(defaultLevel({ LOG_LEVEL: "debug", NODE_ENV: "test" })).toBe("debug");
    expect(defaultLevel({ LOG_LEVEL: "loud", NODE_ENV: "test" })).toBe("silent");
    expect(defaultLevel({ NODE_ENV: "production" })).toBe("info");
  });
});
