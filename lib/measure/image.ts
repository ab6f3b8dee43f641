/**
 * Pixel access for measurement: greyscale crops made by sharp (libvips resamples well and fast)
 * and bilinear sampling in continuous coordinates, where pixel (i, j) covers [i, i+1) × [j, j+1)
 * and its value belongs to the point (i + ½, j + ½).
 */
import sharp from "sharp";
import type { Point } from "./homography";

/** Decoded RGB(A) pixels, as the photo pipeline holds them. */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A greyscale crop of `img` scaled by `scale`, with the map from its pixels back to `img`'s. */
export interface GreyCrop extends GreyImage {
  left: number;
  top: number;
  scale: number;
}

/** Crop `rect` (clamped to the image) to grey at `scale` (≤ 1). */
export async function greyCrop(img: RgbImage, rect: { left: number; top: number; width: number; height: number }, scale: number): Promise<GreyCrop> {
  const left = Math.max(0, Math.floor(rect.left));
  const top = Math.max(0, Math.floor(rect.top));
  const width = Math.min(img.width - left, Math.ceil(rect.width));
  const height = Math.min(img.height - top, Math.ceil(rect.height));
  let pipeline = sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .extract({ left, top, width, height })
    .greyscale();
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  if (w !== width || h !== height) pipeline = pipeline.resize(w, h, { fit: "fill", kernel: "cubic" });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const grey = info.channels === 1 ? data : toFirstChannel(data, info.channels);
  return { data: grey, width: info.width, height: info.height, left, top, scale: info.width / width };
}

function toFirstChannel(data: Buffer, channels: number): Uint8Array {
  const out = new Uint8Array(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels]!;
  return out;
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
