// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time, and the
// most total (inclusive) time, with their file and line, so a bench miss names what dominates.
//   node scripts/lib/cpuprofile-top.mjs FILE.cpuprofile [--top=25] [--filter=substring]
import fs from "node:fs";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const top = Number((args.find((a) => a.startsWith("--top=")) ?? "--top=25").slice(6));
const filter = (args.find((a) => a.startsWith("--filter=")) ?? "").slice(9);
if (!file) {
  console.error(
    "usage: node scripts/lib/cpuprofile-top.mjs FILE.cpuprofile [--top=25] [--filter=substring]"
  );
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample weights: time deltas (µs) attributed to the sampled node.
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const label = (n) => {
  const f = n.callFrame;
  const where = f.url
    ? `${f.url.replace(/^.*\/(dist|src|node_modules)\//, "$1/")}:${f.lineNumber + 1}:${f.columnNumber + 1}`
    : "";
  return `${f.functionName || "(anonymous)"} ${where}`.trim();
};
const self = new Map();
const total = new Map();
let all = 0;
for (const [id, us] of selfUs) {
  all += us;
  const n = byId.get(id);
  const key = label(n);
  self.set(key, (self.get(key) ?? 0) + us);
  // Inclusive time: once per distinct function on the stack.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = label(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + us);
  }
}
const show = (title, map) => {
  console.log(`\n${title}`);
  [...map]
    .filter(([k]) => !filter || k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, us]) =>
      console.log(
        `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / all).toFixed(1).padStart(5)}%  ${k}`
      )
    );
};
console.log(`${file}: ${(all / 1000).toFixed(0)} ms sampled`);
show("self time", self);
show("total time (inclusive)", total);
