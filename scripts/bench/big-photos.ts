/**
 * The worst case the photo worker must fit in memory: ≈39 MP photos (7200 × 5400, just under the
 * 40 MP limit) of Gaussian noise, nothing for the decoder to skip, ~25 MB each (under the 25 MiB
 * upload cap). Written to the temp directory once and reused; shared by bench:worker-memory and
 * bench:load.
 */
import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

/** Paths of 40 MP noise JPEGs, one per seed. */
export async function fortyMegapixelJpegs(seeds: number[]): Promise<string[]> {
  return Promise.all(
    seeds.map(async (seed) => {
      const file = path.join(tmpdir(), `dermrelay-40mp-${seed}.jpg`);
      if (existsSync(file)) return file;
      const bytes = await sharp({ create: { width: 7200, height: 5400, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 120 + seed, sigma: 40 } } })
        .jpeg({ quality: 90 })
        .toBuffer();
      writeFileSync(file, bytes);
      return file;
    }),
  );
}
