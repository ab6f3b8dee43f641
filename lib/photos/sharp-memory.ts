/**
 * Memory settings of the photo worker (issue 14: measured 496 MB idle, 932 MB peak with two 40 MP
 * photos in flight, budget 400 MB). Where it went, and the fix at each cause:
 * - libvips's operation cache keeps recent results (up to 50 MB and 100 operations by default) —
 *   useless for a worker that never sees the same image twice: switched off.
 * - glibc malloc gives each libuv thread its own arena and rarely returns freed pages; with
 *   large decoded images in flight on several threads RSS ratchets up and never falls. The
 *   worker is started with MALLOC_ARENA_MAX=2 (scripts, compose, Dockerfile), or with jemalloc
 *   preloaded where available (sharp's documented advice for glibc Linux).
 * - Decode is streaming (sequentialRead, lib/photos/process.ts) so a 40 MP frame is never held
 *   whole; the original's bytes are released as soon as the renditions exist (pipeline.ts).
 * - The rest was in the pipeline itself (docs/decisions.md "Worker memory"): the master's optimised
 *   Huffman tables (a whole-image coefficient buffer), sharp.clone() copying its input, HEIC
 *   decoded to RGBA and copied several times; photos in flight are bounded by pixels
 *   (lib/photos/decode-budget.ts).
 */
import sharp from "sharp";

/** Apply the worker's sharp settings once at start-up. */
export function configureSharpForWorker(): void {
  sharp.cache(false);
  // One libvips thread per image: parallelism comes from two images in flight (TOOLCHAIN.md).
  sharp.concurrency(1);
}
