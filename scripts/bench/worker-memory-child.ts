/**
 * Child of scripts/bench/worker-memory.ts: processes rounds of two 40 MP photos in flight, the
 * way the photo worker does (lib/photos/process.ts at concurrency 2), sampling its own RSS.
 * Prints one JSON line: peak RSS while busy, RSS after going idle, wall time per photo (two in
 * flight, so about half a photo's latency) and the size of the last master.
 */
import { readFileSync } from "node:fs";
import { configureSharpForWorker } from "@/lib/photos/sharp-memory";
import { processPhoto } from "@/lib/photos/process";

if (process.argv.includes("--tuned")) configureSharpForWorker();
const rounds = Number(process.argv[2] ?? 3);
const mb = (n: number) => Math.round(n / 2 ** 20);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);

// The inputs are made by the parent: generating 39 MP of noise here would inflate this process's RSS.
const inputs = [readFileSync(process.argv[3]!), readFileSync(process.argv[4]!)];
peak = 0;
const started = performance.now();
let masterBytes = 0;
for (let r = 0; r < rounds; r++) for (const out of await Promise.all(inputs.map((b) => processPhoto(b)))) masterBytes = out.master.length;
const msPerPhoto = Math.round((performance.now() - started) / (rounds * inputs.length));
const busyPeak = peak;
inputs.length = 0;
await new Promise((r) => setTimeout(r, 3000));
(globalThis as { gc?: () => void }).gc?.();
await new Promise((r) => setTimeout(r, 1000));
clearInterval(sampler);
process.stdout.write(`${JSON.stringify({ peakMb: mb(busyPeak), idleMb: mb(process.memoryUsage.rss()), msPerPhoto, masterMb: +(masterBytes / 2 ** 20).toFixed(1) })}\n`);
