/**
 * What the HEIC decode thread (lib/photos/heic-decode-thread.mjs) hands over, made into the
 * interleaved sRGB frame sharp reads: YCbCr 4:2:0 planes converted to RGB, and a frame in another
 * colour space (Display P3) converted to sRGB. Runs in the worker's main thread after the decode
 * thread has ended, so the wasm heap is already gone when the 3-byte-a-pixel frame is allocated
 * (issue 14); it works in bands of rows and yields between them, so a 40 MP frame (~0.5 s of
 * arithmetic) never holds the event loop for more than a few milliseconds at a time.
 */
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { convertToSrgb, srgbConversion } from "./colour-to-srgb.mjs";

/** How to turn the planes into RGB: chroma plane size, the matrix's Kr and Kb, full or video range. */
export interface YcbcrLayout {
  chromaWidth: number;
  chromaHeight: number;
  kr: number;
  kb: number;
  fullRange: boolean;
}

/** Rows converted between two yields (about 1 M pixels at 40 MP). */
const BAND_ROWS = 128;

/**
 * YCbCr 4:2:0 (Y, Cb, Cr planes back to back, no padding) → interleaved RGB, as libheif converts:
 * each chroma sample covers its 2×2 block (nearest neighbour), R = Y + 2(1−Kr)·Cr,
 * B = Y + 2(1−Kb)·Cb, G = (Y − Kr·R − Kb·B)/Kg, video range expanded first; rounded and clipped.
 */
function ycbcrBand(planes: Uint8Array, out: Uint8Array, width: number, height: number, layout: YcbcrLayout, from: number, to: number, t: Float64Array[]) {
  const [yOf, crR, cbB, cbG, crG] = t as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const cbAt = width * height;
  const crAt = cbAt + layout.chromaWidth * layout.chromaHeight;
  const clip = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0);
  for (let j = from; j < to; j++) {
    const row = j * width;
    const chromaRow = (j >> 1) * layout.chromaWidth;
    let o = row * 3;
    for (let i = 0; i < width; i++) {
      const y = yOf[planes[row + i]!]!;
      const c = chromaRow + (i >> 1);
      const cb = planes[cbAt + c]!;
      const cr = planes[crAt + c]!;
      out[o++] = clip(y + crR[cr]!);
      out[o++] = clip(y - cbG[cb]! - crG[cr]!);
      out[o++] = clip(y + cbB[cb]!);
    }
  }
}

/** Per-value tables for {@link ycbcrBand}: scaled luma, and each chroma value's share of R, B and G. */
function ycbcrTables({ kr, kb, fullRange }: YcbcrLayout): Float64Array[] {
  const kg = 1 - kr - kb;
  const luma = (v: number) => (fullRange ? v : ((v - 16) * 255) / 219);
  const chroma = (v: number) => (fullRange ? v - 128 : ((v - 128) * 255) / 224);
  const table = (f: (v: number) => number) => Float64Array.from({ length: 256 }, (_, v) => f(v));
  return [
    table(luma),
    table((v) => 2 * (1 - kr) * chroma(v)),
    table((v) => 2 * (1 - kb) * chroma(v)),
    table((v) => ((2 * kb * (1 - kb)) / kg) * chroma(v)),
    table((v) => ((2 * kr * (1 - kr)) / kg) * chroma(v)),
  ];
}

/**
 * The sRGB frame for sharp from the decode thread's `data`: RGB(A) as it is, or YCbCr planes
 * (when `yuv` is given) converted into a new buffer; then converted from `icc` to sRGB in place.
 */
export async function srgbFrame(data: Uint8Array, width: number, height: number, channels: 3 | 4, yuv: YcbcrLayout | undefined, icc: Uint8Array | null): Promise<Buffer> {
  const conversion = srgbConversion(icc);
  const frame = yuv ? Buffer.allocUnsafe(width * height * 3) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const tables = yuv ? ycbcrTables(yuv) : [];
  for (let from = 0; from < height; from += BAND_ROWS) {
    const to = Math.min(height, from + BAND_ROWS);
    if (yuv) ycbcrBand(data, frame, width, height, yuv, from, to, tables);
    if (conversion) convertToSrgb(frame.subarray(from * width * channels, to * width * channels), channels, conversion);
    if (to < height && (yuv || conversion)) await yieldToEventLoop();
  }
  return frame;
}
