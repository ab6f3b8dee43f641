/**
 * `npm run bench:measure [-- N NEG]`: the §15 accuracy benchmark. Renders N seeded close-ups with a
 * 20 mm ARUCO_MIP_36h12 sticker over the whole range (lesions 3–25 mm, rotation 0–45°, tilt ≤ 20°,
 * blur σ ≤ 1.5, JPEG 70–95, 8–30 px/mm, hairs) plus NEG without a marker (default 400 + 100), runs
 * each through the photo processor alone (decode, orient, strip, renditions, quality: the baseline)
 * and with the measurement step as the worker runs it, and prints diameter and area error, marker
 * recall, false scales and time per photo against the baseline.
 *
 * Rendered images are cached under .data/bench-measure/ (keyed by spec); `--fresh` re-renders.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

process.env.LOG_LEVEL ??= "warn";
const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const N = Number(args[0] ?? 400);
const NEG = Number(args[1] ?? 100);
const fresh = process.argv.includes("--fresh");

const { randomSpec, renderScene } = await import("@/tests/fixtures/measure-scene");
const { processPhoto } = await import("@/lib/photos/process");
const { measureWorking, toPhotoResult } = await import("@/lib/measure/measure-photo");
const { restrictSharpLoaders } = await import("@/lib/photos/loader-policy");
type SceneSpec = import("@/tests/fixtures/measure-scene").SceneSpec;
type SceneTruth = import("@/tests/fixtures/measure-scene").SceneTruth;

const out = (s: string) => process.stdout.write(`${s}\n`);
const cacheDir = path.resolve(".data/bench-measure");
await mkdir(cacheDir, { recursive: true });

async function scene(spec: SceneSpec): Promise<{ jpeg: Buffer; truth: SceneTruth }> {
  const key = createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 20);
  const file = path.join(cacheDir, `${key}.jpg`);
  if (!fresh) {
    try {
      const [jpeg, truth] = await Promise.all([readFile(file), readFile(`${file}.json`, "utf8")]);
      return { jpeg, truth: JSON.parse(truth) as SceneTruth };
    } catch {
      // not cached yet
    }
  }
  const r = await renderScene(spec);
  await Promise.all([writeFile(file, r.jpeg), writeFile(`${file}.json`, JSON.stringify(r.truth))]);
  return r;
}

const specs: SceneSpec[] = [
  ...Array.from({ length: N }, (_, i) => randomSpec(i + 1)),
  ...Array.from({ length: NEG }, (_, i) => randomSpec(100_000 + i, { marker: null })),
];
restrictSharpLoaders();

type Row = { spec: SceneSpec; truth: SceneTruth; found: boolean; dErr: number | null; aErr: number | null; scaleErr: number | null; tPipe: number; tWith: number; tMeasure: number };
const rows: Row[] = [];
const started = performance.now();
for (const [i, spec] of specs.entries()) {
  const { jpeg, truth } = await scene(spec);
  // The processor alone and the processor with the measurement step (as the worker runs it: on
  // the display pixels, while the master encodes), in alternating order; and the step's own time.
  let tMeasure = 0;
  const step = async (px: { data: Buffer; width: number; height: number; channels: number }) => {
    const t0 = performance.now();
    const w = await measureWorking({ data: px.data, width: px.width, height: px.height, channels: px.channels as 3 }, { view: "closeup", markerSideMm: 20 });
    tMeasure = performance.now() - t0;
    return w;
  };
  const timed = async <T,>(f: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const v = await f();
    return [v, performance.now() - t0];
  };
  let tPipe: number, tWith: number, processed: Awaited<ReturnType<typeof processPhoto<Awaited<ReturnType<typeof step>>>>>;
  if (i % 2) {
    [, tPipe] = await timed(() => processPhoto(jpeg));
    [processed, tWith] = await timed(() => processPhoto(jpeg, step));
  } else {
    [processed, tWith] = await timed(() => processPhoto(jpeg, step));
    [, tPipe] = await timed(() => processPhoto(jpeg));
  }
  const m = processed.step ? toPhotoResult(processed.step, processed.width) : { scale: null, measurement: null };
  let scaleErr: number | null = null;
  if (m.scale && truth.markerCornersPx) {
    const c = truth.markerCornersPx;
    const side = c.reduce((s, p, k) => s + Math.hypot(c[(k + 1) % 4]![0] - p[0], c[(k + 1) % 4]![1] - p[1]), 0) / 4;
    scaleErr = (m.scale.markerSidePx / side - 1) * 100;
  }
  rows.push({
    spec,
    truth,
    found: m.scale !== null,
    dErr: m.measurement ? (m.measurement.longestDiameterMm / truth.longestDiameterMm - 1) * 100 : null,
    aErr: m.measurement ? (m.measurement.areaMm2 / truth.areaMm2 - 1) * 100 : null,
    scaleErr,
    tPipe,
    tWith,
    tMeasure,
  });
  if ((i + 1) % 50 === 0) out(`  ${i + 1}/${specs.length} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const f2 = (v: number) => v.toFixed(2);
const withMarker = rows.filter((r) => r.spec.marker);
const without = rows.filter((r) => !r.spec.marker);
const dErr = withMarker.flatMap((r) => (r.dErr === null ? [] : [Math.abs(r.dErr)]));
const aErr = withMarker.flatMap((r) => (r.aErr === null ? [] : [Math.abs(r.aErr)]));
const sErr = withMarker.flatMap((r) => (r.scaleErr === null ? [] : [Math.abs(r.scaleErr)]));
const recall = withMarker.filter((r) => r.found).length;
const falseScales = without.filter((r) => r.found).length;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const tPipe = sum(rows.map((r) => r.tPipe));
const tMeasure = sum(rows.map((r) => r.tMeasure));
const tWith = sum(rows.map((r) => r.tWith));

out("");
out(`measure bench: ${withMarker.length} images with a 20 mm marker, ${without.length} without`);
out("| figure | value | target |");
out("|---|---|---|");
out(`| longest diameter error, median / p95 / max | ${f2(pct(dErr, 50))} % / ${f2(pct(dErr, 95))} % / ${f2(pct(dErr, 100))} % | ≤ 2 % / ≤ 5 % |`);
out(`| area error, median / p95 / max | ${f2(pct(aErr, 50))} % / ${f2(pct(aErr, 95))} % / ${f2(pct(aErr, 100))} % | — |`);
out(`| marker side error, median / p95 / max | ${f2(pct(sErr, 50))} % / ${f2(pct(sErr, 95))} % / ${f2(pct(sErr, 100))} % | — |`);
out(`| marker recall | ${recall}/${withMarker.length} (${f2((100 * recall) / withMarker.length)} %) | ≥ 98 % |`);
out(`| lesions measured (of images with a scale) | ${dErr.length}/${recall} | — |`);
out(`| false scales (no marker in the image) | ${falseScales}/${without.length} | 0 |`);
out(`| time per photo: processor (baseline) | median ${f2(pct(rows.map((r) => r.tPipe), 50))} ms, mean ${f2(tPipe / rows.length)} ms | — |`);
out(`| time per photo: processor with the measurement step | median ${f2(pct(rows.map((r) => r.tWith), 50))} ms, mean ${f2(tWith / rows.length)} ms | — |`);
out(`| time per photo: the measurement step itself | median ${f2(pct(rows.map((r) => r.tMeasure), 50))} ms, mean ${f2(tMeasure / rows.length)} ms | — |`);
out(`| time the step adds to the processor (sum of times) | ${f2((100 * (tWith - tPipe)) / tPipe)} % | ≤ 25 % |`);
out(`| the step's own time / processor (if it could not overlap) | ${f2((100 * tMeasure) / tPipe)} % | — |`);

// Where the error comes from: worst cases by the parameters that drive them.
const worst = withMarker.filter((r) => r.dErr !== null).sort((a, b) => Math.abs(b.dErr!) - Math.abs(a.dErr!)).slice(0, 5);
out("");
out("worst diameter errors: seed, error, lesion mm, px/mm, tilt°, blur σ, JPEG q, hairs");
for (const r of worst) {
  out(`  ${r.spec.seed}  ${f2(r.dErr!)} %  ${f2(r.truth.longestDiameterMm)}  ${f2(r.spec.pxPerMm)}  ${f2(r.spec.tiltDeg)}  ${f2(r.spec.blurSigma)}  ${r.spec.jpegQuality}  ${r.spec.hairs}`);
}
const missed = withMarker.filter((r) => !r.found || r.dErr === null).slice(0, 10);
if (missed.length) {
  out("missed (no scale or no outline): seed, scale?, lesion mm, px/mm, tilt°, blur σ, JPEG q");
  for (const r of missed) out(`  ${r.spec.seed}  ${r.found}  ${f2(r.spec.lesionDiameterMm)}  ${f2(r.spec.pxPerMm)}  ${f2(r.spec.tiltDeg)}  ${f2(r.spec.blurSigma)}  ${r.spec.jpegQuality}`);
}
