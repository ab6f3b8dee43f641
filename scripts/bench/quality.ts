/**
 * `npm run bench:quality [--every N] [--dump FILE]`: the photo-quality gate on the generated
 * labelled set (scripts/bench/quality-set.ts, 720 images), today's measure against the measure used before
 * SPEC §16 (one variance-of-the-Laplacian threshold, whole-frame exposure), side by side:
 * accuracy per flag, false `blurry` on sharp images, overall (every flag right), and overall per
 * skin tone. Targets: overall ≥ 95 %, no sharp image flagged blurry, no tone more than 3 points
 * below another. Every image the current measure gets wrong is listed with its readings.
 * `--every N` measures every Nth scene only (a quick look; the reported figures come from the
 * full set); `--dump` writes every image's readings as JSON lines.
 */
import { writeFileSync } from "node:fs";
import { legacyFlags } from "@/lib/photos/quality-legacy";
import { assessQuality, lumaOf, type PixelImage } from "@/lib/photos/quality";
import { qualitySet, TONES, type Flag, type Tone } from "./quality-set";

const FLAGS: Flag[] = ["blurry", "underexposed", "overexposed", "low_resolution"];

interface Tally {
  n: number;
  exact: number;
  perFlag: Record<Flag, number>;
  falseBlurry: number;
  sharpCount: number;
  missedBlurry: number;
  blurCount: number;
  perTone: Record<Tone, { n: number; exact: number }>;
  wrong: Map<string, number>;
}

const tally = (): Tally => ({
  n: 0,
  exact: 0,
  perFlag: { blurry: 0, underexposed: 0, overexposed: 0, low_resolution: 0 },
  falseBlurry: 0,
  sharpCount: 0,
  missedBlurry: 0,
  blurCount: 0,
  perTone: Object.fromEntries(TONES.map((t) => [t, { n: 0, exact: 0 }])) as Tally["perTone"],
  wrong: new Map(),
});

function count(t: Tally, tone: Tone, degradation: string, expected: Flag[], got: readonly string[]) {
  t.n++;
  t.perTone[tone].n++;
  let all = true;
  for (const f of FLAGS) {
    const ok = expected.includes(f) === got.includes(f);
    if (ok) t.perFlag[f]++;
    else all = false;
  }
  if (all) {
    t.exact++;
    t.perTone[tone].exact++;
  } else {
    t.wrong.set(degradation, (t.wrong.get(degradation) ?? 0) + 1);
  }
  if (expected.includes("blurry")) {
    t.blurCount++;
    if (!got.includes("blurry")) t.missedBlurry++;
  } else {
    t.sharpCount++;
    if (got.includes("blurry")) t.falseBlurry++;
  }
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "—");

const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const dumpTo = arg("--dump");
const every = Math.max(1, Number(arg("--every") ?? 1));
const misses: string[] = [];
const dump: string[] = [];
const oldT = tally();
const newT = tally();
const started = performance.now();
let newMs = 0;
for await (const s of qualitySet((_, index) => index % every === 0)) {
  const img: PixelImage = { data: s.image.data, width: s.image.width, height: s.image.height, channels: 3 };
  const size = { width: s.image.width, height: s.image.height };
  const old = legacyFlags(lumaOf(img), size);
  const t0 = performance.now();
  const q = assessQuality(img, size);
  newMs += performance.now() - t0;
  count(oldT, s.tone, s.degradation, s.expected, old.flags);
  count(newT, s.tone, s.degradation, s.expected, q.flags);
  if (dumpTo) dump.push(JSON.stringify({ id: s.id, expected: s.expected, old: old.flags, lap: Math.round(old.sharpness), ...q }));
  if ([...s.expected].sort().join() !== [...q.flags].sort().join()) {
    misses.push(`${s.id.padEnd(44)} want ${s.expected.join("+") || "none"}, got ${q.flags.join("+") || "none"} · ` +
      `edge ${q.edgeWidth ?? "—"} px (half ${q.coarseEdgeWidth ?? "—"}), balance ${q.directionBalance}, texture fall-off ${q.textureFalloff ?? "—"} isotropy ${q.textureIsotropy ?? "—"}, noise ${q.noise}, skin ${q.skinBrightness}, clipped ${q.clippedHighlights}`);
  }
}
if (dumpTo) writeFileSync(dumpTo, dump.join("\n") + "\n");

const rows: [string, string, string][] = [
  ["images", String(oldT.n), String(newT.n)],
  ...FLAGS.map((f): [string, string, string] => [`accuracy: ${f}`, pct(oldT.perFlag[f], oldT.n), pct(newT.perFlag[f], newT.n)]),
  ["false blurry on sharp images (target 0)", `${oldT.falseBlurry} of ${oldT.sharpCount}`, `${newT.falseBlurry} of ${newT.sharpCount}`],
  ["blurred images missed", `${oldT.missedBlurry} of ${oldT.blurCount}`, `${newT.missedBlurry} of ${newT.blurCount}`],
  ["overall, every flag right (target ≥ 95 %)", pct(oldT.exact, oldT.n), pct(newT.exact, newT.n)],
  ...TONES.map((tone): [string, string, string] => [`  skin tone ${tone}`, pct(oldT.perTone[tone].exact, oldT.perTone[tone].n), pct(newT.perTone[tone].exact, newT.perTone[tone].n)]),
];
const spread = (t: Tally) => {
  const v = TONES.map((tone) => (100 * t.perTone[tone].exact) / t.perTone[tone].n);
  return `${(Math.max(...v) - Math.min(...v)).toFixed(1)} points`;
};
rows.push(["  widest gap between tones (target ≤ 3)", spread(oldT), spread(newT)]);
const w = Math.max(...rows.map((r) => r[0].length));
process.stdout.write(`\n${"".padEnd(w)}  ${"before §16 (Laplacian)".padEnd(24)}  now (edge width + texture, skin exposure)\n`);
for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w)}  ${b.padEnd(24)}  ${c}\n`);
const worst = (t: Tally) => [...t.wrong.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(", ") || "none";
process.stdout.write(`\nwrong, by degradation — before: ${worst(oldT)}\n                        now: ${worst(newT)}\n`);
process.stdout.write(`\nwrong now (${misses.length}):\n${misses.map((m) => `  ${m}\n`).join("")}`);
process.stdout.write(`new measure ${(newMs / newT.n).toFixed(0)} ms per 1024 px image; run ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
