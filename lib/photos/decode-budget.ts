/**
 * Admission of photo decodes by size, so the worker's memory is bounded by pixels in flight rather
 * than by jobs in flight (issue 14: budget 400 MB with two 40 MP photos in flight). The photo queue
 * runs two jobs at once (workers/registry.ts), which is right for phone photos; what a decode holds
 * depends on its size and decoder:
 * - JPEG/PNG/WebP/AVIF through libvips stream in strips: ~2 bytes per pixel at peak (the encoded
 *   master plus the display-size copy), so two 40 MP photos fit side by side;
 * - HEIC goes through libheif in wasm, which holds the whole frame several times (YUV planes,
 *   RGBA, the decoder's buffers): ~10 bytes per pixel, so a 40 MP HEIC must run alone.
 * A photo's cost is its pixel count, weighted by decoder; the budget admits costs up to two 40 MP
 * JPEGs at once, first come first served (a big photo waiting is not overtaken by small ones, so it
 * never starves). One photo always fits: its cost is capped at the whole budget.
 */
import { MAX_PIXELS } from "./limits";

/** Pixels of streaming-decode work allowed in flight in one process. */
export const DECODE_BUDGET = 2 * MAX_PIXELS;

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
