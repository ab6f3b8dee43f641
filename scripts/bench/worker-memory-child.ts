/**
 * Child of scripts/bench/worker-memory.ts: processes rounds of two 40 MP photos in flight, the
 * way the photo worker does (lib/photos/process.ts at concurrency 2), sampling its own RSS.
 * Prints one JSON line: peak RSS while busy and RSS after going idle.
 */
import sharp from "sharp";
import { configureSharpForWorker } from "@/lib/photos/sharp-memory";
import { processPhoto } from "@/lib/photos/process";

if (process.argv.includes("--tuned")) configureSharpForWorker();
const rounds = Number(process.argv[2] ?? 3);
const mb = (n: number) => Math.round(n / 2 ** 20);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);

async function photo(seed: number): Promise<Buffer> {
  // 7200 × 5400 ≈ 39 MP (just under the 40 MP limit) of noise: nothing for the JPEG decoder to skip.
  return sharp({ create: { width: 7200, height: 5400, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 120 + seed, sigma: 40 } } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const inputs = [await photo(0), await photo(5)];
peak = 0;
for (let r = 0; r < rounds; r++) await Promise.all(inputs.map((b) => processPhoto(b)));
const busyPeak = peak;
inputs.length = 0;
await new Promise((r) => setTimeout(r, 3000));
(globalThis as { gc?: () => void }).gc?.();
await new Promise((r) => setTimeout(r, 1000));
clearInterval(sampler);
process.stdout.write(`${JSON.stringify({ peakMb: mb(busyPeak), idleMb: mb(process.memoryUsage.rss()) })}\n`);
