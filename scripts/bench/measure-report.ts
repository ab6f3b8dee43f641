/**
 * The table `npm run bench:measure` prints (and docs/decisions.md quotes): diameter and area
 * error, marker recall, false scales, and the measurement step's time next to the processor's own
 * — wall time (what the target is about, noisy on a shared machine) and CPU time of the process
 * (libvips threads included; what the step really costs, and steady under other load).
 */
import { percentile } from "./support";
import type { SceneSpec, SceneTruth } from "@/tests/fixtures/measure-scene";

export type Row = {
  spec: SceneSpec;
  truth: SceneTruth;
  found: boolean;
  dErr: number | null;
  aErr: number | null;
  scaleErr: number | null;
  /** Processor alone / with the step / the step itself: wall ms, then process CPU ms. */
  tPipe: number;
  tWith: number;
  tMeasure: number;
  cPipe: number;
  cWith: number;
};

const f2 = (v: number) => v.toFixed(2);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const pct = (xs: number[], p: number) => (xs.length ? percentile(xs, p) : NaN);

export function report(rows: Row[], final: boolean, out: (s: string) => void) {
  const withMarker = rows.filter((r) => r.spec.marker);
  const without = rows.filter((r) => !r.spec.marker);
  const abs = (k: "dErr" | "aErr" | "scaleErr") => withMarker.flatMap((r) => (r[k] === null ? [] : [Math.abs(r[k]!)]));
  const [dErr, aErr, sErr] = [abs("dErr"), abs("aErr"), abs("scaleErr")];
  const recall = withMarker.filter((r) => r.found).length;
  const falseScales = without.filter((r) => r.found).length;
  const col = (k: "tPipe" | "tWith" | "tMeasure" | "cPipe" | "cWith") => rows.map((r) => r[k]);
  const added = (a: "tPipe" | "cPipe", b: "tWith" | "cWith") => (100 * (sum(col(b)) - sum(col(a)))) / sum(col(a));
  const ms = (k: "tPipe" | "tWith" | "tMeasure" | "cPipe" | "cWith") => `median ${f2(pct(col(k), 50))} ms, mean ${f2(sum(col(k)) / rows.length)} ms`;

  out("");
  out(`measure bench${final ? "" : " (so far)"}: ${withMarker.length} images with a 20 mm marker, ${without.length} without`);
  out("| figure | value | target |");
  out("|---|---|---|");
  out(`| longest diameter error, median / p95 / max | ${f2(pct(dErr, 50))} % / ${f2(pct(dErr, 95))} % / ${f2(pct(dErr, 100))} % | ≤ 2 % / ≤ 5 % |`);
  out(`| area error, median / p95 / max | ${f2(pct(aErr, 50))} % / ${f2(pct(aErr, 95))} % / ${f2(pct(aErr, 100))} % | — |`);
  out(`| marker side error, median / p95 / max | ${f2(pct(sErr, 50))} % / ${f2(pct(sErr, 95))} % / ${f2(pct(sErr, 100))} % | — |`);
  out(`| marker recall | ${recall}/${withMarker.length} (${f2((100 * recall) / withMarker.length)} %) | ≥ 98 % |`);
  out(`| lesions measured (of images with a scale) | ${dErr.length}/${recall} | — |`);
  out(`| false scales (no marker in the image) | ${falseScales}/${without.length} | 0 |`);
  out(`| wall time per photo: processor alone (baseline) | ${ms("tPipe")} | — |`);
  out(`| wall time per photo: processor with the measurement step | ${ms("tWith")} | — |`);
  out(`| wall time of the step itself (inside the processor) | ${ms("tMeasure")} | — |`);
  out(`| **wall time the step adds to the processor** (sum over photos) | ${f2(added("tPipe", "tWith"))} % | ≤ 25 % |`);
  out(`| CPU time per photo: processor alone / with the step | ${f2(sum(col("cPipe")) / rows.length)} ms / ${f2(sum(col("cWith")) / rows.length)} ms | — |`);
  out(`| CPU time the step adds to the processor | ${f2(added("cPipe", "cWith"))} % | ≤ 25 % |`);

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
}
