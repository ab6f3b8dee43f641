/**
 * Worker-thread body of lib/photos/heic-decode.ts. heic-decode (libheif compiled to wasm) works
 * synchronously, so it runs here, away from the worker's event loop: the parent can kill this
 * thread when it runs past its time limit, and a crash inside libheif ends this thread only.
 * Plain JavaScript so it runs the same under tsx, vitest and node without a TypeScript loader.
 * Its stdout/stderr (libheif prints parse errors with console.log) are discarded by the parent.
 *
 * In: workerData = { bytes: Uint8Array, maxPixels: number }
 * Out: one message, { ok: true, width, height, data (RGBA, transferred) } or
 *      { ok: false, kind: "too_large" | "undecodable", width?, height? }
 */
import { parentPort, workerData } from "node:worker_threads";
import decode from "heic-decode";

async function main() {
  const { bytes, maxPixels } = workerData;
  let images;
  try {
    images = await decode.all({ buffer: bytes });
  } catch {
    return { ok: false, kind: "undecodable" };
  }
  try {
    const first = images[0];
    if (!first) return { ok: false, kind: "undecodable" };
    // Sizes come from the container (ispe + transforms) before any pixel is decoded.
    if (first.width <= 0 || first.height <= 0) return { ok: false, kind: "undecodable" };
    if (first.width * first.height > maxPixels) return { ok: false, kind: "too_large", width: first.width, height: first.height };
    const { width, height, data } = await first.decode();
    return { ok: true, width, height, data };
  } catch {
    return { ok: false, kind: "undecodable" };
  } finally {
    images.dispose();
  }
}

main().then(
  (result) => parentPort.postMessage(result, result.ok ? [result.data.buffer] : []),
  () => parentPort.postMessage({ ok: false, kind: "undecodable" }),
);
