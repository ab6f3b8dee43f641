/**
 * Worker-thread body of lib/photos/heif.ts. libheif (compiled to wasm, the libheif-js package)
 * works synchronously, so it runs here, away from the worker's event loop: the parent can kill this
 * thread when it runs past its time limit, and a crash inside libheif ends this thread only.
 * Plain JavaScript so it runs the same under tsx, vitest and node without a TypeScript loader.
 * Its stdout/stderr (libheif prints parse errors with console.log) are discarded by the parent.
 *
 * Memory (issue 14): libheif is asked for interleaved RGB, or RGBA only when the image has alpha,
 * and the pixels are copied once out of the wasm heap and transferred. heic-decode's RGBA-only
 * path held the frame four times at 4 bytes a pixel (wasm, a per-row copy, the result, the
 * message): ~650 MB for a 40 MP photo against ~380 MB now. The thread ends right after, which
 * frees the wasm heap.
 *
 * In: workerData = { bytes: Uint8Array, maxPixels: number, alpha: boolean }
 * Out: one message, { ok: true, width, height, channels, data (transferred) } or
 *      { ok: false, kind: "too_large" | "undecodable", width?, height? }
 */
import { parentPort, workerData } from "node:worker_threads";
import libheif from "libheif-js/wasm-bundle.js";

/** Copy the interleaved plane out of wasm memory, dropping any row padding. */
function copyPlane(plane, rowBytes) {
  if (plane.stride === rowBytes) return plane.data.slice(0, rowBytes * plane.height);
  const out = new Uint8Array(rowBytes * plane.height);
  for (let y = 0; y < plane.height; y++) out.set(plane.data.subarray(y * plane.stride, y * plane.stride + rowBytes), y * rowBytes);
  return out;
}

async function main() {
  const { bytes, maxPixels, alpha } = workerData;
  await libheif.ready;
  const decoder = new libheif.HeifDecoder();
  let images = [];
  try {
    images = decoder.decode(bytes);
    const first = images[0];
    if (!first) return { ok: false, kind: "undecodable" };
    // Sizes come from the container (ispe + transforms) before any pixel is decoded.
    const width = first.get_width();
    const height = first.get_height();
    if (width <= 0 || height <= 0) return { ok: false, kind: "undecodable" };
    if (width * height > maxPixels) return { ok: false, kind: "too_large", width, height };
    const channels = alpha ? 4 : 3;
    const chroma = alpha ? libheif.heif_chroma.heif_chroma_interleaved_RGBA : libheif.heif_chroma.heif_chroma_interleaved_RGB;
    // Rotation and mirroring (irot/imir) are applied by libheif while decoding, as before.
    const image = await libheif.heif_js_decode_image2(first.handle, libheif.heif_colorspace.heif_colorspace_RGB, chroma);
    if (!image || image.code) return { ok: false, kind: "undecodable" };
    try {
      const plane = image.channels.find((c) => c.id === libheif.heif_channel.heif_channel_interleaved);
      if (!plane || plane.width !== width || plane.height !== height) return { ok: false, kind: "undecodable" };
      return { ok: true, width, height, channels, data: copyPlane(plane, width * channels) };
    } finally {
      libheif.heif_image_release(image.image);
    }
  } catch {
    return { ok: false, kind: "undecodable" };
  } finally {
    for (const image of images) image.free();
    decoder.decoder?.delete();
  }
}

main().then(
  (result) => parentPort.postMessage(result, result.ok ? [result.data.buffer] : []),
  () => parentPort.postMessage({ ok: false, kind: "undecodable" }),
);
