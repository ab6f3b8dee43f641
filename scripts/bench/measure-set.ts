/**
 * The labelled set of `npm run bench:measure` (SPEC §15): N seeded close-ups with a 20 mm
 * ARUCO_MIP_36h12 sticker over the whole range (lesions 3–25 mm, rotation 0–45°, tilt ≤ 20°, blur
 * σ ≤ 1.5, JPEG 70–95, 8–30 px/mm, hairs) and NEG without a marker, interleaved so that any prefix
 * holds both. Rendering is the slow part (a JS ray per pixel), so each image is cached under
 * .data/bench-measure/ keyed by its spec; `--render-only` fills the cache.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomSpec, renderScene, type SceneSpec, type SceneTruth } from "@/tests/fixtures/measure-scene";

const cacheDir = path.resolve(".data/bench-measure");

/** The specs of the set, in run order. */
export function benchSpecs(n: number, neg: number): SceneSpec[] {
  const positives = Array.from({ length: n }, (_, i) => randomSpec(i + 1));
  const negatives = Array.from({ length: neg }, (_, i) => randomSpec(100_000 + i, { marker: null }));
  const every = neg ? Math.max(1, Math.round(n / neg)) : Infinity;
  const specs: SceneSpec[] = [];
  for (let i = 0, k = 0; i < n || k < neg; ) {
    if (i < n) specs.push(positives[i++]!);
    if (k < neg && (i % every === 0 || i >= n)) specs.push(negatives[k++]!);
  }
  return specs;
}

/** The rendered JPEG and truth of `spec`, from the cache unless `fresh`. */
export async function benchScene(spec: SceneSpec, fresh = false): Promise<{ jpeg: Buffer; truth: SceneTruth }> {
  await mkdir(cacheDir, { recursive: true });
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
