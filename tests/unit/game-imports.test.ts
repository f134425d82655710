import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * lib/game reads top-down: the engine dispatches to its reducers, which share transitions and
 * state look-ups, and no module imports one that (through others) imports it back. Type imports
 * count too: a circle of types still means two modules that cannot be read apart.
 */
const DIR = path.join(import.meta.dirname, "../../lib/game");

function importsOf(): Map<string, string[]> {
  const modules = readdirSync(DIR).filter((f) => f.endsWith(".ts"));
  return new Map(
    modules.map((file) => {
      const source = readFileSync(path.join(DIR, file), "utf8");
      const local = [...source.matchAll(/from "\.\/([a-z-]+)"/g)].map((m) => m[1]!);
      return [file.slice(0, -3), local];
    }),
  );
}

function circles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (name: string) => {
    const at = stack.indexOf(name);
    if (at >= 0) return void found.push([...stack.slice(at), name].join(" -> "));
    if (done.has(name)) return;
    stack.push(name);
    for (const next of graph.get(name) ?? []) visit(next);
    stack.pop();
    done.add(name);
  };
  for (const name of graph.keys()) visit(name);
  return found;
}

describe("lib/game imports", () => {
  it("has no import circle", () => {
    const graph = importsOf();
    expect(graph.get("engine")).toContain("coding-round");
    expect(circles(graph)).toEqual([]);
  });

  it("finds a circle when there is one", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
    ]);
    expect(circles(graph)).toEqual(["a -> b -> c -> a"]);
  });

  it("keeps the look-ups and the rules below the reducers and the views", () => {
    const graph = importsOf();
    for (const low of ["room-state", "coding", "transitions"]) {
      for (const high of ["engine", "views", "coding-views", "coding-round", "answers"]) {
        expect(graph.get(low), `${low} imports ${high}`).not.toContain(high);
      }
    }
  });
});
