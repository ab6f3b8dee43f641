/**
 * A small deterministic pseudo-random generator (mulberry32), so generated images — the demo
 * seed's photos, test fixtures and the benchmarks' labelled sets — come out the same on every
 * machine. Not for anything secret: use node:crypto for that.
 */

/** A generator of numbers in [0, 1) for `seed`. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
