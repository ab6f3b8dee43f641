/**
 * The worst case the photo worker must fit in memory: ≈39 MP photos (7200 × 5400, just under the
 * 40 MP limit) of Gaussian noise, nothing for the decoder to skip, ~25 MB each (under the 25 MiB
 * upload cap). Written to the temp directory once and reused; shared by bench:worker-memory and
 * bench:load.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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

/**
 * Paths of 40 MP HEICs made from those JPEGs by heif-enc (libheif-examples, scripts/system-packages.sh;
 * x265 ultrafast, q60): ~31 MB of HEVC each, one coded image (heif-enc 1.15 writes no tile grid).
 */
export async function fortyMegapixelHeics(seeds: number[]): Promise<string[]> {
  const jpegs = await fortyMegapixelJpegs(seeds);
  return jpegs.map((jpeg) => {
    const file = jpeg.replace(/\.jpg$/, ".heic");
    if (!existsSync(file)) execFileSync("heif-enc", ["-q", "60", "-p", "preset=ultrafast", jpeg, "-o", file], { stdio: "ignore" });
    return file;
  });
}

/** The same 40 MP photos as 512×512-tile grid HEICs, the layout iPhones write (tests/fixtures/heic.ts builds the grid). */
export async function fortyMegapixelHeicGrids(seeds: number[]): Promise<string[]> {
  const { heicGrid } = await import("../../tests/fixtures/heic");
  const jpegs = await fortyMegapixelJpegs(seeds);
  const files = [];
  for (const jpeg of jpegs) {
    const file = jpeg.replace(/\.jpg$/, "-grid.heic");
    if (!existsSync(file)) writeFileSync(file, await heicGrid(readFileSync(jpeg), 512, 60));
    files.push(file);
  }
  return files;
}
