/**
 * The top costs in a V8 .cpuprofile (what `bench:load -- --profile` writes): self time by function
 * and by source file or package, so a missed goal comes with where the server's time went.
 *
 *   node --import tsx bench/support/profile-top.ts bench/results/profiles/<file>.cpuprofile [top]
 */
import { readFileSync } from "node:fs";
import { fmt, table } from "./stats";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-top.ts <file.cpuprofile> [top]");
const top = Number(topArg ?? 20);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) =>
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

/** node_modules/<package> (scoped too), a project file, or node's own (node:…, empty url). */
function owner(url: string): string {
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (mod?.[1]) return mod[1];
  if (!url) return "(native / V8)";
  return url.replace(/^file:\/\/.*?\/(server|lib|app|bench|generated)\//, "$1/");
}

const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  const name = `${frame.functionName || "(anonymous)"} ${owner(frame.url)}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  byOwner.set(owner(frame.url), (byOwner.get(owner(frame.url)) ?? 0) + us);
}
const rows = (m: Map<string, number>): string[][] =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => [k, `${fmt(us / 1000)} ms`, `${fmt((us / total) * 100, 1)} %`]);
console.log(`${file}: ${fmt(total / 1000)} ms sampled\n`);
console.log(table(["self time by function", "ms", "share"], rows(byFunction)));
console.log(`\n${table(["self time by package / file", "ms", "share"], rows(byOwner))}`);
