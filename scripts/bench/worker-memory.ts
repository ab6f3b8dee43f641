/**
 * `npm run bench:worker-memory`: RSS of the photo worker's image work with two 40 MP photos in
 * flight, baseline (sharp defaults, glibc defaults) against the worker's settings (libvips cache
 * off + MALLOC_ARENA_MAX=2) and against jemalloc where the machine has it; then two 40 MP HEICs
 * (made by heif-enc: one coded image, and a 512 px tile grid) under the worker's settings. Each variant runs in a fresh child process;
 * prints peak and idle RSS, time per photo and the ratio to the baseline.
 * The pipeline's own share (standard Huffman tables on the master, no sharp clone(), the decode
 * budget) is in every variant; docs/decisions.md "Worker memory" has the before/after figures.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fortyMegapixelHeicGrids, fortyMegapixelHeics, fortyMegapixelJpegs } from "./big-photos";

const rounds = process.argv[2] ?? "3";
const JEMALLOC = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
const WORKER_SH = { LD_PRELOAD: JEMALLOC, MALLOC_CONF: "background_thread:true,dirty_decay_ms:0,muzzy_decay_ms:0", NODE_OPTIONS: "--expose-gc" };
const variants: { name: string; env: Record<string, string>; args: string[] }[] = [
  { name: "baseline (sharp + glibc defaults)", env: {}, args: [] },
  { name: "worker settings (cache off, MALLOC_ARENA_MAX=2)", env: { MALLOC_ARENA_MAX: "2" }, args: ["--tuned"] },
  ...(existsSync(JEMALLOC)
    ? [
        { name: "cache off + jemalloc (default decay)", env: { LD_PRELOAD: JEMALLOC }, args: ["--tuned"] },
        // What scripts/worker.sh sets: freed pages go back at once, from a background thread; gc() exposed.
        { name: "cache off + jemalloc as scripts/worker.sh", env: WORKER_SH, args: ["--tuned"] },
      ]
    : []),
];
/**
 * Two 40 MP HEICs (libheif in wasm, lib/photos/heif.ts), with and without the gc() worker.sh
 * exposes: one coded image each (heif-enc), then as 512×512 tile grids like an iPhone's.
 */
const heicVariants: typeof variants = [
  { name: "HEIC: cache off, MALLOC_ARENA_MAX=2 + gc", env: { MALLOC_ARENA_MAX: "2", NODE_OPTIONS: "--expose-gc" }, args: ["--tuned"] },
  ...(existsSync(JEMALLOC)
    ? [
        { name: "HEIC: jemalloc as worker.sh, without gc", env: { ...WORKER_SH, NODE_OPTIONS: "" }, args: ["--tuned"] },
        { name: "HEIC: jemalloc as scripts/worker.sh", env: WORKER_SH, args: ["--tuned"] },
      ]
    : []),
];

const files = await fortyMegapixelJpegs([0, 5]);
const heics = await fortyMegapixelHeics([0, 5]);
const grids = await fortyMegapixelHeicGrids([0, 5]);

let base: { peakMb: number; idleMb: number; msPerPhoto: number } | null = null;
const gridVariants = heicVariants.map((v) => ({ ...v, name: v.name.replace("HEIC:", "HEIC grid:"), files: grids }));
for (const v of [...variants.map((x) => ({ ...x, files })), ...heicVariants.map((x) => ({ ...x, files: heics })), ...gridVariants]) {
  const run = spawnSync("node_modules/.bin/tsx", ["scripts/bench/worker-memory-child.ts", rounds, ...v.files, ...v.args], {
    env: { ...process.env, ...v.env, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  if (run.status !== 0) {
    process.stdout.write(`${v.name}: failed\n${run.stderr}\n`);
    continue;
  }
  const r = JSON.parse(run.stdout.trim().split("\n").pop()!) as { peakMb: number; idleMb: number; msPerPhoto: number; masterMb: number };
  base ??= r;
  process.stdout.write(
    `${v.name.padEnd(50)} peak ${String(r.peakMb).padStart(5)} MB (×${(r.peakMb / base.peakMb).toFixed(2)})   idle ${String(r.idleMb).padStart(5)} MB (×${(r.idleMb / base.idleMb).toFixed(2)})   ${r.msPerPhoto} ms/photo (×${(r.msPerPhoto / base.msPerPhoto).toFixed(2)})   master ${r.masterMb} MB\n`,
  );
}
