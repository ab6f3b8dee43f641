/**
 * Focus from edge width, not from how much high frequency an image holds (SPEC §16).
 *
 * A global variance of the Laplacian mixes "how textured is the skin" with "how sharp is it": a
 * crisp lesion on smooth skin scores low, and sensor noise on a defocused photo scores high. Edge
 * width measures blur itself: the distance over which the strongest edges rise (Marziliano et
 * al., 2002). It is measured
 * - on a lightly smoothed copy (σ = 1) so noise cannot end a walk early, with the walk tolerance
 *   scaled to the noise level estimated from the image (Immerkær, 1996);
 * - at the strongest edges only (lesion border, hair, pores), found by non-maximum suppression
 *   and required to stand well above the noise;
 * - per gradient direction (four bins), taking the widest bin: motion blur widens only the edges
 *   across the motion, so averaging all directions would hide it;
 * - at two scales: the full 1024 px copy and a half-size copy, taking the narrower result, so a
 *   photo whose finest detail is soft but whose lesion border is crisp is not called blurred.
 *
 * Pure TypeScript over typed arrays, with no Node-only import: the worker and the browser run
 * the same code.
 */

/** A single-channel 8-bit image, row-major, no padding. */
export interface GreyImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/** The focus reading of one photo. */
export interface FocusReading {
  /** Edge width in pixels of the 1024 px copy (the widest direction's median); null without edges. */
  edgeWidth: number | null;
  /** Estimated sensor noise, standard deviation in 8-bit levels. */
  noise: number;
  /** Edges measured. */
  edges: number;
  /** Median gradient (levels per pixel) of the measured edges at full scale. */
  strength: number;
}

/** Most edges measured per scale; the strongest are kept. */
const MAX_EDGES = 2400;
/** Fewest edges in a direction bin for its median to count. */
const MIN_PER_BIN = 12;
/** Longest walk from an edge centre, each way, in pixels. */
const MAX_WALK = 24;
/** Walk step, in pixels. */
const STEP = 0.5;

/**
 * Noise standard deviation by Immerkær's fast method: the mean absolute response to a kernel that
 * cancels planes and gradients, so texture and edges barely count.
 */
export function estimateNoise({ data, width, height }: GreyImage): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const v =
        data[i - width - 1]! - 2 * data[i - width]! + data[i - width + 1]! -
        2 * data[i - 1]! + 4 * data[i]! - 2 * data[i + 1]! +
        data[i + width - 1]! - 2 * data[i + width]! + data[i + width + 1]!;
      sum += Math.abs(v);
    }
  }
  return (Math.sqrt(Math.PI / 2) * sum) / (6 * (width - 2) * (height - 2));
}

/** Separable Gaussian blur (σ = 1, 7 taps) into floats. */
function smooth(src: ArrayLike<number>, width: number, height: number): Float32Array {
  const k = [0.00443, 0.05399, 0.24197, 0.39894, 0.24197, 0.05399, 0.00443];
  const tmp = new Float32Array(width * height);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let t = -3; t <= 3; t++) s += k[t + 3]! * (src[row + Math.min(width - 1, Math.max(0, x + t))] as number);
      tmp[row + x] = s;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let t = -3; t <= 3; t++) s += k[t + 3]! * tmp[Math.min(height - 1, Math.max(0, y + t)) * width + x]!;
      out[y * width + x] = s;
    }
  }
  return out;
}

/** Half-size copy by 2×2 averaging. */
function half(src: ArrayLike<number>, width: number, height: number): { data: Float32Array; width: number; height: number } {
  const w = Math.floor(width / 2);
  const h = Math.floor(height / 2);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 2 * y * width + 2 * x;
      out[y * w + x] = ((src[i] as number) + (src[i + 1] as number) + (src[i + width] as number) + (src[i + width + 1] as number)) / 4;
    }
  }
  return { data: out, width: w, height: h };
}

function sample(g: Float32Array, width: number, height: number, x: number, y: number): number {
  const xi = Math.min(width - 2, Math.max(0, Math.floor(x)));
  const yi = Math.min(height - 2, Math.max(0, Math.floor(y)));
  const fx = Math.min(1, Math.max(0, x - xi));
  const fy = Math.min(1, Math.max(0, y - yi));
  const i = yi * width + xi;
  const a = g[i]!;
  const b = g[i + 1]!;
  const c = g[i + width]!;
  const d = g[i + width + 1]!;
  return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}

/**
 * Median edge width of the widest direction at one scale, or null when too few edges stand out.
 * `noise` is the noise σ of this copy before smoothing.
 */
function widthAtScale(src: ArrayLike<number>, width: number, height: number, noise: number): { width: number | null; edges: number; strength: number } {
  if (width < 16 || height < 16) return { width: null, edges: 0, strength: 0 };
  const g = smooth(src, width, height);
  // Smoothing by σ = 1 leaves about 0.28 of the noise.
  const smoothedNoise = noise * 0.28;
  const minMagnitude = Math.max(1.5, 5 * smoothedNoise);
  const n = width * height;
  const mag = new Float32Array(n);
  const gx = new Float32Array(n);
  const gy = new Float32Array(n);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const dx = (g[i - width + 1]! + 2 * g[i + 1]! + g[i + width + 1]! - g[i - width - 1]! - 2 * g[i - 1]! - g[i + width - 1]!) / 8;
      const dy = (g[i + width - 1]! + 2 * g[i + width]! + g[i + width + 1]! - g[i - width - 1]! - 2 * g[i - width]! - g[i - width + 1]!) / 8;
      gx[i] = dx;
      gy[i] = dy;
      mag[i] = Math.sqrt(dx * dx + dy * dy);
    }
  }
  // Non-maximum suppression along the gradient, quantised to four directions (as in Canny), and
  // a histogram of the survivors' magnitudes to find the cut for the strongest MAX_EDGES.
  const margin = 3;
  const isMax = new Uint8Array(n);
  const hist = new Uint32Array(512);
  let survivors = 0;
  for (let y = margin; y < height - margin; y++) {
    for (let x = margin; x < width - margin; x++) {
      const i = y * width + x;
      const m = mag[i]!;
      if (m < minMagnitude) continue;
      const ax = Math.abs(gx[i]!);
      const ay = Math.abs(gy[i]!);
      let step: number;
      if (ay <= 0.4142 * ax) step = 1;
      else if (ax <= 0.4142 * ay) step = width;
      else step = gx[i]! * gy[i]! > 0 ? width + 1 : width - 1;
      if (m < mag[i + step]! || m <= mag[i - step]!) continue;
      isMax[i] = 1;
      hist[Math.min(511, Math.floor(m * 2))]!++;
      survivors++;
    }
  }
  if (survivors < MIN_PER_BIN) return { width: null, edges: survivors, strength: 0 };
  let cut = 511;
  for (let acc = 0; cut > 0 && acc + hist[cut]! <= MAX_EDGES; cut--) acc += hist[cut]!;
  const cutMagnitude = Math.max(minMagnitude, (cut + 1) / 2);
  const tol = 0.5 * smoothedNoise;
  const bins: number[][] = [[], [], [], []];
  const strengths: number[] = [];
  let measured = 0;
  for (let i = 0; i < n; i++) {
    if (!isMax[i] || mag[i]! < cutMagnitude) continue;
    measured++;
    strengths.push(mag[i]!);
    const x0 = i % width;
    const y0 = (i - x0) / width;
    const m = mag[i]!;
    const ux = gx[i]! / m;
    const uy = gy[i]! / m;
    // Walk up the slope and down it until it flattens: the step falls under a fifth of the
    // edge's own peak slope (so a slow background gradient does not count), or under the noise.
    // Half-pixel steps, so widths are not rounded to whole pixels.
    const minStep = Math.max(tol, 0.2 * m) * STEP;
    let up = 0;
    let prev = g[i]!;
    while (up < MAX_WALK) {
      const v = sample(g, width, height, x0 + ux * (up + STEP), y0 + uy * (up + STEP));
      if (v - prev < minStep) break;
      prev = v;
      up += STEP;
    }
    let down = 0;
    prev = g[i]!;
    while (down < MAX_WALK) {
      const v = sample(g, width, height, x0 - ux * (down + STEP), y0 - uy * (down + STEP));
      if (prev - v < minStep) break;
      prev = v;
      down += STEP;
    }
    const angle = (Math.atan2(uy, ux) + Math.PI) % Math.PI;
    bins[Math.floor((angle / Math.PI) * 4 + 0.5) % 4]!.push(up + down + STEP);
  }
  let widest: number | null = null;
  for (const b of bins) {
    if (b.length < MIN_PER_BIN) continue;
    b.sort((p, q) => p - q);
    // Mean of the middle half: steadier than the median on half-pixel steps.
    let sum = 0;
    const lo = Math.floor(b.length / 4);
    const hi = Math.ceil((3 * b.length) / 4);
    for (let k = lo; k < hi; k++) sum += b[k]!;
    const mid = sum / (hi - lo);
    widest = widest === null ? mid : Math.max(widest, mid);
  }
  strengths.sort((p, q) => p - q);
  return { width: widest, edges: measured, strength: strengths[strengths.length >> 1] ?? 0 };
}

/**
 * Measure focus on a greyscale copy (long edge about 1024 px).
 *
 * @returns the edge width in pixels of that copy (smaller is sharper), the noise estimate and how
 *   many edges were measured; `edgeWidth` is null when the image has no edge above the noise
 */
export function measureFocus(grey: GreyImage): FocusReading {
  const noise = estimateNoise(grey);
  const full = widthAtScale(grey.data, grey.width, grey.height, noise);
  const h = half(grey.data, grey.width, grey.height);
  // Averaging 2×2 halves the noise; widths at half size count double in full-size pixels.
  const coarse = widthAtScale(h.data, h.width, h.height, noise / 2);
  // The half-size reading only counts when the full-size copy has edges of its own: on a
  // featureless, noisy frame, averaging can turn noise into soft "edges".
  const widths = full.width === null ? [] : [full.width, coarse.width === null ? null : coarse.width * 2].filter((w): w is number => w !== null);
  return { edgeWidth: widths.length ? Math.round(Math.min(...widths) * 10) / 10 : null, noise, edges: full.edges + coarse.edges, strength: full.strength };
}
