/**
 * Pixel helpers of the focus measure (lib/photos/quality-focus.ts): noise and JPEG-block
 * estimates, the σ = 1 smoothing, the half-size copies and bilinear sampling. Pure TypeScript over
 * typed arrays, with no Node-only import, like the measure itself (the browser runs it too).
 */

/** A single-channel 8-bit image, row-major, no padding. */
export interface GreyImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

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

/**
 * How strongly an 8 × 8 block grid shows: the mean step between neighbouring pixels across the
 * grid lines (every 8th column and row, as a JPEG codec lays its blocks from the top-left corner)
 * over the mean step elsewhere. About 1 for a photo; well above 1 for a heavily compressed JPEG
 * kept at its own size, whose blocks have lost their fine detail to the codec.
 */
export function blockiness({ data, width, height }: GreyImage): number {
  if (width < 16 || height < 16) return 1;
  let onGrid = 0;
  let offGrid = 0;
  let nOn = 0;
  let nOff = 0;
  for (let y = 0; y < height - 1; y++) {
    const row = y * width;
    for (let x = 0; x < width - 1; x++) {
      const i = row + x;
      // Horizontal step across a vertical grid line, vertical step across a horizontal one.
      const h = Math.abs(data[i + 1]! - data[i]!);
      const v = Math.abs(data[i + width]! - data[i]!);
      if ((x & 7) === 7) [onGrid, nOn] = [onGrid + h, nOn + 1];
      else [offGrid, nOff] = [offGrid + h, nOff + 1];
      if ((y & 7) === 7) [onGrid, nOn] = [onGrid + v, nOn + 1];
      else [offGrid, nOff] = [offGrid + v, nOff + 1];
    }
  }
  const off = offGrid / Math.max(1, nOff);
  return off > 0 ? onGrid / Math.max(1, nOn) / off : 1;
}

/** Taps of the σ = 1 Gaussian of {@link smooth}. */
export const SMOOTH_KERNEL: readonly number[] = [0.00443, 0.05399, 0.24197, 0.39894, 0.24197, 0.05399, 0.00443];

/**
 * Separable Gaussian blur (σ = 1, 7 taps) into floats; edge pixels repeat outwards. The interior
 * is unrolled (no clamping), which makes it about twice as fast as a clamped loop.
 */
export function smooth(src: ArrayLike<number>, width: number, height: number): Float32Array {
  const [k3, k2, k1, k0] = SMOOTH_KERNEL as [number, number, number, number];
  const tmp = new Float32Array(width * height);
  const out = new Float32Array(width * height);
  const clampedTap = (read: (j: number) => number, at: number, len: number) => {
    let s = 0;
    for (let t = -3; t <= 3; t++) s += SMOOTH_KERNEL[t + 3]! * read(Math.min(len - 1, Math.max(0, at + t)));
    return s;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const read = (j: number) => src[row + j] as number;
    for (let x = 0; x < width; x++) {
      if (x < 3 || x >= width - 3) {
        tmp[row + x] = clampedTap(read, x, width);
        continue;
      }
      const i = row + x;
      tmp[i] =
        k0 * (src[i] as number) +
        k1 * ((src[i - 1] as number) + (src[i + 1] as number)) +
        k2 * ((src[i - 2] as number) + (src[i + 2] as number)) +
        k3 * ((src[i - 3] as number) + (src[i + 3] as number));
    }
  }
  const w1 = width;
  const w2 = 2 * width;
  const w3 = 3 * width;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    if (y < 3 || y >= height - 3) {
      for (let x = 0; x < width; x++) out[row + x] = clampedTap((j) => tmp[j * width + x]!, y, height);
      continue;
    }
    for (let i = row; i < row + width; i++) {
      out[i] = k0 * tmp[i]! + k1 * (tmp[i - w1]! + tmp[i + w1]!) + k2 * (tmp[i - w2]! + tmp[i + w2]!) + k3 * (tmp[i - w3]! + tmp[i + w3]!);
    }
  }
  return out;
}

/** Half-size copy by 2×2 averaging. */
export function half(src: ArrayLike<number>, width: number, height: number): { data: Float32Array; width: number; height: number } {
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

/** Half-size skin mask: a half-size pixel is skin when all four of its pixels are. */
export function halfMask(skin: Uint8Array, width: number, height: number): Uint8Array {
  const w = Math.floor(width / 2);
  const h = Math.floor(height / 2);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 2 * y * width + 2 * x;
      out[y * w + x] = skin[i]! & skin[i + 1]! & skin[i + width]! & skin[i + width + 1]!;
    }
  }
  return out;
}

export function sample(g: Float32Array, width: number, height: number, x: number, y: number): number {
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
