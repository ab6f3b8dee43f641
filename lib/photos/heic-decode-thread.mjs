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
 * Colour (SPEC §16): iPhones tag their HEICs Display P3, as an ICC profile (`prof`) or as nclx
 * primaries. sharp reads raw pixels as sRGB, so the pixels are converted to sRGB here, in place,
 * right after they leave the wasm heap (lib/photos/colour-to-srgb.mjs). nclx Display P3
 * (primaries 12) uses the P3 ICC profile the parent passes in; other nclx primaries (BT.709/sRGB,
 * unspecified, and the BT.2020/PQ/HLG of HDR captures) are read as sRGB, as before.
 *
 * In: workerData = { bytes: Uint8Array, maxPixels: number, alpha: boolean, p3Icc: Uint8Array }
 * Out: one message, { ok: true, width, height, channels, data (transferred, sRGB) }
 *      or { ok: false, kind: "too_large" | "undecodable", width?, height? }
 */
import { parentPort, workerData } from "node:worker_threads";
import libheif from "libheif-js/wasm-bundle.js";
import { convertToSrgb, srgbConversion } from "./colour-to-srgb.mjs";

const fourcc = (s) => ((s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3)) >>> 0;
const PROF = fourcc("prof");
const RICC = fourcc("rICC");
const NCLX = fourcc("nclx");
/** nclx colour primaries (ITU-T H.273): 12 is SMPTE EG 432-1, Display P3's D65 primaries. */
const PRIMARIES_P3 = 12;

/**
 * The ICC profile the pixels must be converted from, or null (untagged, or nclx other than P3: read as sRGB).
 * libheif's C API through the wasm exports: calls that return a heif_error take a pointer to it
 * as their first argument (the wasm32 ABI for a struct result); code 0 is success.
 */
function colourProfile(handlePtr, p3Icc) {
  const type = libheif._heif_image_handle_get_color_profile_type(handlePtr) >>> 0;
  const scratch = libheif._malloc(16);
  try {
    if (type === PROF || type === RICC) {
      const size = libheif._heif_image_handle_get_raw_color_profile_size(handlePtr);
      if (size <= 0) return null;
      const at = libheif._malloc(size);
      try {
        libheif._heif_image_handle_get_raw_color_profile(scratch, handlePtr, at);
        if (libheif.HEAP32[scratch >> 2] !== 0) return null;
        return libheif.HEAPU8.slice(at, at + size);
      } finally {
        libheif._free(at);
      }
    }
    if (type === NCLX) {
      const out = scratch + 12;
      libheif._heif_image_handle_get_nclx_color_profile(scratch, handlePtr, out);
      if (libheif.HEAP32[scratch >> 2] !== 0) return null;
      const nclx = libheif.HEAPU32[out >> 2];
      // struct heif_color_profile_nclx { uint8_t version; enum color_primaries; enum transfer; enum matrix; uint8_t full_range; ... }
      const primaries = libheif.HEAP32[(nclx + 4) >> 2];
      libheif._heif_nclx_color_profile_free(nclx);
      return primaries === PRIMARIES_P3 ? p3Icc : null;
    }
    return null;
  } finally {
    libheif._free(scratch);
  }
}

/** Copy the interleaved plane out of wasm memory, dropping any row padding. */
function copyPlane(plane, rowBytes) {
  if (plane.stride === rowBytes) return plane.data.slice(0, rowBytes * plane.height);
  const out = new Uint8Array(rowBytes * plane.height);
  for (let y = 0; y < plane.height; y++) out.set(plane.data.subarray(y * plane.stride, y * plane.stride + rowBytes), y * rowBytes);
  return out;
}

async function main() {
  const { bytes, maxPixels, alpha, p3Icc } = workerData;
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
    const icc = colourProfile(first.handle.$$.ptr, p3Icc);
    const chroma = alpha ? libheif.heif_chroma.heif_chroma_interleaved_RGBA : libheif.heif_chroma.heif_chroma_interleaved_RGB;
    // Rotation and mirroring (irot/imir) are applied by libheif while decoding, as before.
    const image = await libheif.heif_js_decode_image2(first.handle, libheif.heif_colorspace.heif_colorspace_RGB, chroma);
    if (!image || image.code) return { ok: false, kind: "undecodable" };
    try {
      const plane = image.channels.find((c) => c.id === libheif.heif_channel.heif_channel_interleaved);
      if (!plane || plane.width !== width || plane.height !== height) return { ok: false, kind: "undecodable" };
      const data = copyPlane(plane, width * channels);
      const conversion = srgbConversion(icc);
      if (conversion) convertToSrgb(data, channels, conversion);
      return { ok: true, width, height, channels, data };
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
