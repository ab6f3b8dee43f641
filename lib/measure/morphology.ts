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

/**
 * Separable square max filter of radius r (grey dilation; the window is clipped at the borders).
 * Each row and column is done by van Herk / Gil-Werman: block-wise running maxima forwards and
 * backwards give any window's maximum from two values, so the cost does not grow with r (the
 * hair filter's radius reaches 9–10 px on the smallest lesions).
 */
export function dilate(src: Uint8Array, W: number, H: number, r: number): Uint8Array {
  const tmp = new Uint8Array(W * H);
  const out = new Uint8Array(W * H);
  const k = 2 * r + 1;
  const len = Math.ceil((Math.max(W, H) + 2 * r) / k) * k;
  const buf = { line: new Uint8Array(len), fwd: new Uint8Array(len), bwd: new Uint8Array(len) };
  for (let y = 0; y < H; y++) maxLine(src, tmp, y * W, 1, W, r, buf);
  for (let x = 0; x < W; x++) maxLine(tmp, out, x, W, H, r, buf);
  return out;
}

/** Window maxima (radius r, clipped) along one line of n values from `at`, `step` apart. */
function maxLine(from: Uint8Array, to: Uint8Array, at: number, step: number, n: number, r: number, buf: { line: Uint8Array; fwd: Uint8Array; bwd: Uint8Array }) {
  const { line, fwd, bwd } = buf;
  const k = 2 * r + 1, len = line.length;
  // Zero padding (neutral for a max): r before (never written) and from r + n to the end.
  for (let i = 0, j = at; i < n; i++, j += step) line[r + i] = from[j]!;
  line.fill(0, r + n);
  for (let b = 0; b < len; b += k) {
    let m = 0;
    for (let i = b; i < b + k; i++) { const v = line[i]!; if (v > m) m = v; fwd[i] = m; }
    m = 0;
    for (let i = b + k - 1; i >= b; i--) { const v = line[i]!; if (v > m) m = v; bwd[i] = m; }
  }
  // Output i's window in padded coordinates is [i, i + 2r]: one block's tail and the next one's head.
  for (let i = 0, j = at; i < n; i++, j += step) {
    const a = bwd[i]!, c = fwd[i + 2 * r]!;
    to[j] = a > c ? a : c;
  }
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
