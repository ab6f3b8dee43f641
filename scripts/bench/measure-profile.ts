/**
 * `node --import tsx --cpu-prof scripts/bench/measure-profile.ts [N]`: the measurement step alone,
 * for a CPU profile. Takes the first N images of the bench set (rendered or from its cache), makes
 * the display pixels and quality copy the processor would, and runs the step on each five times
 * (the first round, JIT warm-up, untimed); prints process CPU per step.
 */
import sharp from "sharp";
import { measureWorking } from "@/lib/measure/measure-photo";
import { DISPLAY_EDGE } from "@/lib/photos/limits";
import { QUALITY_EDGE } from "@/lib/photos/quality";
import { benchScene, benchSpecs } from "./measure-set";

const fit = (edge: number) => ({ width: edge, height: edge, fit: "inside" as const, withoutEnlargement: true });
const images = [];
for (const spec of benchSpecs(Number(process.argv[2] ?? 12), 0)) {
  const { jpeg } = await benchScene(spec);
  const { data, info } = await sharp(jpeg).resize(fit(DISPLAY_EDGE)).raw().toBuffer({ resolveWithObject: true });
  const q = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).resize(fit(QUALITY_EDGE)).raw().toBuffer({ resolveWithObject: true });
  images.push({ img: { data, width: info.width, height: info.height, channels: 3 as const }, preview: { data: q.data, width: q.info.width, height: q.info.height, channels: 3 as const } });
}
let cpu = 0, n = 0;
for (let round = 0; round < 5; round++) {
  for (const { img, preview } of images) {
    const c0 = process.cpuUsage();
    await measureWorking(img, { view: "closeup", markerSideMm: 20 }, preview);
    const c = process.cpuUsage(c0);
    if (round) { cpu += (c.user + c.system) / 1000; n++; }
  }
}
process.stdout.write(`measurement step: ${(cpu / n).toFixed(1)} ms CPU per photo (${images.length} images × ${n / images.length} rounds)\n`);
