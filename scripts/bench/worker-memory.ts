/**
 * `npm run bench:worker-memory`: RSS of the photo worker's image work with two 40 MP photos in
 * flight, baseline (sharp defaults, glibc defaults) against the worker's settings (libvips cache
 * off + MALLOC_ARENA_MAX=2) and against jemalloc where the machine has it. Each variant runs in a
 * fresh child process; prints peak and idle RSS and the ratio to the baseline.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

const rounds = process.argv[2] ?? "3";
const JEMALLOC = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
const variants: { name: string; env: Record<string, string>; args: string[] }[] = [
  { name: "baseline (sharp + glibc defaults)", env: {}, args: [] },
  { name: "worker settings (cache off, MALLOC_ARENA_MAX=2)", env: { MALLOC_ARENA_MAX: "2" }, args: ["--tuned"] },
  ...(existsSync(JEMALLOC) ? [{ name: "cache off + jemalloc", env: { LD_PRELOAD: JEMALLOC }, args: ["--tuned"] }] : []),
];

// Two ≈39 MP photos (7200 × 5400, just under the 40 MP limit) of noise: nothing for the decoder to skip.
const files = await Promise.all(
  [0, 5].map(async (seed) => {
    const file = path.join(tmpdir(), `dermrelay-40mp-${seed}.jpg`);
    const bytes = await sharp({ create: { width: 7200, height: 5400, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 120 + seed, sigma: 40 } } })
      .jpeg({ quality: 90 })
      .toBuffer();
    writeFileSync(file, bytes);
    return file;
  }),
);

let base: { peakMb: number; idleMb: number } | null = null;
for (const v of variants) {
  const run = spawnSync("node_modules/.bin/tsx", ["scripts/bench/worker-memory-child.ts", rounds, ...files, ...v.args], {
    env: { ...process.env, ...v.env, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  if (run.status !== 0) {
    process.stdout.write(`${v.name}: failed\n${run.stderr}\n`);
    continue;
  }
  const r = JSON.parse(run.stdout.trim().split("\n").pop()!) as { peakMb: number; idleMb: number };
  base ??= r;
  process.stdout.write(
    `${v.name.padEnd(50)} peak ${String(r.peakMb).padStart(5)} MB (×${(r.peakMb / base.peakMb).toFixed(2)})   idle ${String(r.idleMb).padStart(5)} MB (×${(r.idleMb / base.idleMb).toFixed(2)})\n`,
  );
}
