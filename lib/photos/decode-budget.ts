/**
 * Admission of photo decodes by size, so the worker's memory is bounded by pixels in flight rather
 * than by jobs in flight (issue 14: 400 MB with two 40 MP photos in flight). The photo queue runs
 * two jobs at once (workers/registry.ts), which is right for phone photos; what a decode holds
 * depends on its size and decoder:
 * - JPEG/PNG/WebP/AVIF through libvips stream in strips, but the master's encoded bytes grow in
 *   one buffer (~1.5 bytes a pixel at q92, with a doubling realloc at the end) and the job also
 *   holds the upload and its ciphertext: ~4–5 bytes a pixel all told. Measured in the real worker
 *   under `npm run bench:load`: 219 MB idle, 411 MB peak with two 40 MP photos decoding at once.
 * - HEIC goes through libheif in wasm, whose heap holds the file, the HEVC decoder's picture and the
 *   decoded YCbCr planes (~6.7 bytes a pixel, never shrinking until its thread ends), plus the planes
 *   copied out: ~9 bytes a pixel at its peak (lib/photos/heic-decode-thread.mjs), so a 40 MP HEIC
 *   runs alone.
 * A photo's cost is its pixel count, weighted by decoder. The budget is one 40 MP photo plus a 12 MP
 * phone photo: phone photos always go two at a time, two 40 MP photos take turns for the pixel work
 * (their downloads, decryption and writes still overlap). First come first served: a big photo
 * waiting is not overtaken by small ones, so it never starves; one photo always fits, its cost is
 * capped at the whole budget.
 */
import { MAX_PIXELS } from "./limits";

/** Pixels of streaming-decode work allowed in flight in one process. */
export const DECODE_BUDGET = MAX_PIXELS + 12_000_000;

/** How much heavier a pixel is for the decoder than for libvips's streaming JPEG path (measured, see above). */
const WEIGHT = { heic: 3, other: 1 } as const;

/** The budget a decode of `pixels` by the named decoder draws. */
export function decodeCost(pixels: number, decoder: keyof typeof WEIGHT): number {
  return Math.min(DECODE_BUDGET, Math.max(1, pixels * WEIGHT[decoder]));
}

let inFlight = 0;
const waiting: { cost: number; admit: () => void }[] = [];

function admitWaiting() {
  while (waiting.length > 0 && inFlight + waiting[0]!.cost <= DECODE_BUDGET) {
    const next = waiting.shift()!;
    inFlight += next.cost;
    next.admit();
  }
}

/** Run `fn` once `cost` fits in the budget; the cost is returned when `fn` settles. */
export async function withDecodeBudget<T>(cost: number, fn: () => Promise<T>): Promise<T> {
  if (waiting.length === 0 && inFlight + cost <= DECODE_BUDGET) inFlight += cost;
  else await new Promise<void>((admit) => waiting.push({ cost, admit }));
  try {
    return await fn();
  } finally {
    inFlight -= cost;
    admitWaiting();
  }
}

/** The budget in use and the decodes waiting (tests and benches). */
export function decodeBudgetState(): { inFlight: number; waiting: number } {
  return { inFlight, waiting: waiting.length };
}
