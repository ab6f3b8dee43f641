/**
 * Pixel access for measurement: greyscale crops made by sharp (libvips resamples well and fast)
 * and bilinear sampling in continuous coordinates, where pixel (i, j) covers [i, i+1) × [j, j+1)
 * and its value belongs to the point (i + ½, j + ½).
 */
import type { Point } from "./homography";

/** Decoded RGB(A) pixels, as the photo pipeline holds them. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The small grey copy the marker and lesion searches share, and how it maps to the working image. */
export interface SearchCopy {
  grey: GreyImage;
  /** working px per search-copy px */
  factor: number;
}

/** A greyscale crop of `img` scaled by `scale`, with the map from its pixels back to `img`'s. */
export interface GreyCrop extends GreyImage {
  left: number;
  top: number;
  scale: number;
}

/**
 * Crop `rect` (clamped to the image) to grey, shrunk by the integer factor nearest 1/`scale`
 * (box average: symmetric, so edges stay where they were). Done in JS rather than by sharp: the
 * crops are small, and a libvips round trip costs more than the pixels do on a busy machine.
 * Integer luma weights (Rec. 601 × 1024) and one running row of sums: one pass, no float maths.
 */
export function greyCrop(img: RgbImage, rect: { left: number; top: number; width: number; height: number }, scale: number): GreyCrop {
  const factor = Math.max(1, Math.round(1 / scale));
  const left = Math.max(0, Math.floor(rect.left));
  const top = Math.max(0, Math.floor(rect.top));
  const width = Math.floor(Math.min(img.width - left, Math.ceil(rect.width)) / factor) * factor;
  const height = Math.floor(Math.min(img.height - top, Math.ceil(rect.height)) / factor) * factor;
  const w = Math.max(1, width / factor), h = Math.max(1, height / factor);
  const out = new Uint8Array(w * h);
  const acc = new Uint32Array(w);
  const { data, channels: c } = img;
  const stride = img.width * c;
  const div = factor * factor * 1024;
  const half = div >>> 1;
  for (let y = 0; y < h; y++) {
    acc.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let i = (top + y * factor + dy) * stride + left * c;
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let dx = 0; dx < factor; dx++, i += c) s += 306 * data[i]! + 601 * data[i + 1]! + 117 * data[i + 2]!;
        acc[x]! += s;
      }
    }
    const row = y * w;
    for (let x = 0; x < w; x++) out[row + x] = ((acc[x]! + half) / div) | 0;
  }
  return { data: out, width: w, height: h, left, top, scale: 1 / factor };
}

/**
 * Bilinear grey value of `img` (RGB(A)) at continuous point (x, y); NaN outside. For code that
 * reads a few thousand points (marker edges and cells): converting a whole crop first would
 * touch a hundred times more pixels.
 */
export function sampleRgb(img: RgbImage, x: number, y: number): number {
  const fx = x - 0.5, fy = y - 0.5;
  const x0 = Math.floor(fx), y0 = Math.floor(fy);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= img.width || y0 + 1 >= img.height) return NaN;
  const ax = fx - x0, ay = fy - y0;
  const { data: d, channels: c } = img;
  const i = (y0 * img.width + x0) * c, j = i + img.width * c;
  // Inline luma (no helper closure: this runs a few thousand times per photo).
  const a = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
  const b = 0.299 * d[i + c]! + 0.587 * d[i + c + 1]! + 0.114 * d[i + c + 2]!;
  const e = 0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]!;
  const f = 0.299 * d[j + c]! + 0.587 * d[j + c + 1]! + 0.114 * d[j + c + 2]!;
  return (a * (1 - ax) + b * ax) * (1 - ay) + (e * (1 - ax) + f * ax) * ay;
}

/** Crop coordinates → source image coordinates (both continuous). */
export function fromCrop(c: GreyCrop, p: Point): Point {
  return [c.left + p[0] / c.scale, c.top + p[1] / c.scale];
}

/** Source image coordinates → crop coordinates. */
export function toCrop(c: GreyCrop, p: Point): Point {
  return [(p[0] - c.left) * c.scale, (p[1] - c.top) * c.scale];
}

/** Bilinear value at continuous point (x, y); NaN outside the image. */
export function sample(img: GreyImage, x: number, y: number): number {
  const fx = x - 0.5, fy = y - 0.5;
  const x0 = Math.floor(fx), y0 = Math.floor(fy);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= img.width || y0 + 1 >= img.height) return NaN;
  const ax = fx - x0, ay = fy - y0;
  const i = y0 * img.width + x0;
  const d = img.data;
  return (d[i]! * (1 - ax) + d[i + 1]! * ax) * (1 - ay) + (d[i + img.width]! * (1 - ax) + d[i + img.width + 1]! * ax) * ay;
}
