// Where a V8 CPU profile's time went, as text (bench:lists --profile writes one per web process):
// self time by function and, inclusive, by package or source file, so that a list's cost can be
// read without opening Chrome DevTools. Inclusive time counts a sample once per package on its
// stack (recursion is not counted twice), so the packages' shares add up to more than 100 %.
//
//   npx tsx e2e/support/cpuprofile-summary.ts PROFILE.cpuprofile [--top 40] [--match TEXT]
//   --match TEXT   only the samples whose stack passes through a function or file containing TEXT
//   --after S      only the samples from S seconds after the profile starts (skips the server's start)
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }

const { values: opts, positionals } = parseArgs({ options: { top: { type: "string", default: "40" }, match: { type: "string" }, after: { type: "string", default: "0" } }, allowPositionals: true, strict: true });
const TOP = Number(opts.top);

/** A file's "package": the npm package under node_modules, else the path from the app's root. */
function moduleOf(url: string): string {
  if (!url) return "(native / V8)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const pkg = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    // Next's compiled copies of React and friends are worth telling apart from Next itself.
    const compiled = rest.indexOf("compiled");
    return compiled >= 0 && rest[compiled + 1] ? `${pkg} (compiled ${rest[compiled + 1]})` : pkg;
  }
  const chunk = url.indexOf(".next/");
  return chunk >= 0 ? url.slice(chunk) : url.replace(/^file:\/\//, "");
}

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let at = 0; // µs since the profile started
  const from = Number(opts.after) * 1e6;
  const inclusiveFn = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    at += profile.timeDeltas[i] ?? 0;
    if (at < from) return;
    const node = byId.get(id)!;
    const fn = node.callFrame.functionName;
    if (fn === "(idle)" || fn === "(program)") {
      idle += fn === "(idle)" ? dt : 0;
      if (fn === "(idle)") return;
    }
    const stack: CallFrame[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) stack.push(byId.get(n)!.callFrame);
    if (opts.match && !stack.some((f) => f.functionName.includes(opts.match!) || f.url.includes(opts.match!))) return;
    total += dt;
    const key = `${fn || "(anonymous)"}  ${moduleOf(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    for (const m of new Set(stack.map((f) => moduleOf(f.url)))) inclusive.set(m, (inclusive.get(m) ?? 0) + dt);
    for (const k of new Set(stack.map((f) => `${f.functionName || "(anonymous)"}  ${moduleOf(f.url)}:${f.lineNumber + 1}`))) inclusiveFn.set(k, (inclusiveFn.get(k) ?? 0) + dt);
  });
  const row = (ms: number, what: string) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / Math.max(total, 1)).toFixed(1).padStart(5)} %  ${what}`;
  console.log(`\n${file}: ${total.toFixed(0)} ms busy${opts.match ? ` through "${opts.match}"` : ""}, ${idle.toFixed(0)} ms idle`);
  console.log(`\nself time by function (top ${TOP}):`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(row(ms, k));
  console.log(`\ninclusive time by package or file (top ${TOP}):`);
  for (const [k, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(row(ms, k));
  console.log(`\ninclusive time by function in the app's own code (top ${TOP}):`);
  const own = [...inclusiveFn].filter(([k]) => !k.includes("node:") && !k.includes("(native") && !k.includes("node_modules"));
  for (const [k, ms] of own.sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(row(ms, k));
}
