/**
 * Small morphology and thresholding on grey and binary images for the lesion outline (SPEC §15):
 * typed-array loops, no allocation per pixel. Kept apart from lesion.ts, which decides what to
 * look for; these only filter.
 */
import type { GreyImage } from "./image";

/** Binary opening with a 3×3 cross (drops specks and one-pixel lines). */
export function binaryOpen(m: Uint8Array, W: number, H: number): Uint8Array {
  const er = new Uint8Array(W * H);
  for (let y = 1; y < H - 1; y++) for (let x = 1; x < W - 1; x++) {
    const i = y * W + x;
    er[i] = m[i] && m[i - 1] && m[i + 1] && m[i - W] && m[i + W] ? 1 : 0;
  }
  const out = new Uint8Array(W * H);
  for (let y = 1; y < H - 1; y++) for (let x = 1; x < W - 1; x++) {
    const i = y * W + x;
    out[i] = er[i] || er[i - 1] || er[i + 1] || er[i - W] || er[i + W] ? 1 : 0;
  }
  return out;
}

/** Separable square max filter of radius r (grey dilation). */
export function dilate(src: Uint8Array, W: number, H: number, r: number): Uint8Array {
  const tmp = new Uint8Array(W * H);
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const row = y * W;
    for (let x = 0; x < W; x++) {
      let v = 0;
      const k1 = Math.min(W - 1, x + r);
      for (let k = Math.max(0, x - r); k <= k1; k++) if (src[row + k]! > v) v = src[row + k]!;
      tmp[row + x] = v;
    }
  }
  for (let y = 0; y < H; y++) {
    const k0 = Math.max(0, y - r) * W, k1 = Math.min(H - 1, y + r) * W;
    for (let x = 0; x < W; x++) {
      let v = 0;
      for (let k = k0 + x; k <= k1 + x; k += W) if (tmp[k]! > v) v = tmp[k]!;
      out[y * W + x] = v;
    }
  }
  return out;
}

/** Separable square min filter of radius r (grey erosion): the max filter of the negative, negated. */
export function erode(src: Uint8Array, W: number, H: number, r: number): Uint8Array {
  const neg = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) neg[i] = 255 - src[i]!;
  const out = dilate(neg, W, H, r);
  for (let i = 0; i < out.length; i++) out[i] = 255 - out[i]!;
  return out;
}

/** Otsu's threshold of `g` (between levels, +0.5). */
export function otsu(g: GreyImage): number {
  const hist = new Float64Array(256);
  const d = g.data;
  for (let i = 0; i < d.length; i++) hist[d[i]!]!++;
  const total = d.length;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * hist[v]!;
  let sumB = 0, wB = 0, best = 0, thr = 128;
  for (let v = 0; v < 256; v++) {
    wB += hist[v]!;
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += v * hist[v]!;
    const mB = sumB / wB, mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) { best = between; thr = v + 0.5; }
  }
  return thr;
}
