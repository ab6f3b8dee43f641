/**
 * `npm run bench:measure [-- N NEG] [--quick] [--jobs 1|2] [--fresh]`: the §15 accuracy and cost
 * benchmark. N seeded close-ups with a 20 mm ARUCO_MIP_36h12 sticker over the whole range plus NEG
 * without a marker (default 400 + 100; `--quick` 60 + 15), see scripts/bench/measure-set.ts. Each
 * goes through the photo processor alone (decode, orient, strip, renditions, quality: the
 * baseline) and with the measurement step as the worker runs it (on the display pixels and the
 * quality copy, while the master encodes), in alternating order, one photo at a time per process.
 * `--jobs 2` splits the set over two child processes (rendering uncached images is the slow part);
 * the table (scripts/bench/measure-report.ts) is printed every 100 images and at the end.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Row } from "./measure-report";

process.env.LOG_LEVEL ??= "warn";
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const quick = argv.includes("--quick");
const positional = argv.filter((a, i) => !a.startsWith("--") && !["--jobs", "--shard"].includes(argv[i - 1] ?? ""));
const N = Number(positional[0] ?? (quick ? 60 : 400));
const NEG = Number(positional[1] ?? (quick ? 15 : 100));
const jobs = Math.max(1, Math.min(2, Number(flag("--jobs") ?? 1)));
const shard = flag("--shard"); // "k/n": run every n-th image from k, print rows as JSON lines
const fresh = argv.includes("--fresh");
const out = (s: string) => process.stdout.write(`${s}\n`);

const { benchSpecs } = await import("./measure-set");
const specs = benchSpecs(N, NEG);

if (shard) {
  const [k, n] = shard.split("/").map(Number) as [number, number];
  const { measureOne } = await import("./measure-one");
  // Warm up (JIT, libvips start-up) on this shard's first image before anything is timed.
  if (k < specs.length) await measureOne(specs[k]!, k, fresh);
  for (let i = k; i < specs.length; i += n) out(JSON.stringify(await measureOne(specs[i]!, i, fresh)));
} else {
  const { report } = await import("./measure-report");
  const rows: Row[] = [];
  const started = performance.now();
  const onRow = (row: Row) => {
    rows.push(row);
    const s = (performance.now() - started) / 1000;
    if (rows.length % 10 === 0 || rows.length === specs.length) {
      const eta = ((specs.length - rows.length) * s) / rows.length;
      process.stderr.write(`  ${rows.length}/${specs.length} images, ${s.toFixed(0)} s, ~${(eta / 60).toFixed(1)} min left\n`);
    }
    if (rows.length % 100 === 0 && rows.length < specs.length) report(rows, false, out);
  };
  const children = Array.from({ length: jobs }, (_, k) => {
    const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, String(N), String(NEG), "--shard", `${k}/${jobs}`, ...(fresh ? ["--fresh"] : [])], {
      stdio: ["ignore", "pipe", "inherit"],
      env: process.env,
    });
    createInterface({ input: child.stdout }).on("line", (line) => line.startsWith("{") && onRow(JSON.parse(line) as Row));
    return new Promise<void>((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`shard ${k} exited ${code}`)))));
  });
  await Promise.all(children);
  out(`(${specs.length} images in ${((performance.now() - started) / 60_000).toFixed(1)} min, ${jobs} process${jobs > 1 ? "es" : ""})`);
  report(rows, true, out);
}
