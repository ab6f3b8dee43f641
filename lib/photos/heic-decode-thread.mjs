/**
 * Worker-thread body of lib/photos/heif.ts. libheif (compiled to wasm, the libheif-js package)
 * works synchronously, so it runs here, away from the worker's event loop: the parent can kill this
 * thread when it runs past its time limit, and a crash inside libheif ends this thread only.
 * Plain JavaScript so it runs the same under tsx, vitest and node without a TypeScript loader.
 * Its stdout/stderr (libheif prints parse errors with console.log) are discarded by the parent.
 *
 * Memory (issue 14): the thread's wasm heap never shrinks, so what counts is its high-water mark,
 * and the thread ends right after the decode, which frees it. A 4:2:0 8-bit image without alpha
 * (every phone photo) is asked for in its native YCbCr 4:2:0: libheif then stops after the HEVC
 * decode instead of adding a 3-byte-a-pixel RGB frame on top (40 MP: wasm 357 → 267 MB), and only
 * the 1.5-byte-a-pixel planes are copied out (58 MB, not 117). The parent turns them into RGB after
 * this thread is gone (lib/photos/heif.ts), the same nearest-neighbour BT.601/709/2020 conversion
 * libheif does (checked pixel for pixel in tests/unit/photos-heif.test.ts). A tile grid (the
 * iPhone layout) without rotation is decoded tile by tile into those planes, so the heap holds the
 * file and one tile instead of the whole picture (two 40 MP grids in flight: 364 MB peak), and the
 * file itself enters the heap once. Anything else (alpha, 4:4:4, more than 8 bits, an unusual
 * nclx matrix) is decoded to interleaved RGB(A) by libheif as before.
 *
 * Colour (SPEC §16): iPhones tag their HEICs Display P3, as an ICC profile (`prof`) or as nclx
 * primaries. This thread reports the profile to convert from (nclx Display P3, primaries 12, as
 * the P3 ICC profile the parent passes in; other nclx primaries — BT.709/sRGB, unspecified, and the
 * BT.2020/PQ/HLG of HDR captures — as none, read as sRGB as before); the parent converts to sRGB
 * (lib/photos/colour-to-srgb.mjs).
 *
 * In: workerData = { bytes: Uint8Array, maxPixels: number, alpha: boolean, p3Icc: Uint8Array,
 *   plain: boolean (no irot/imir in the container: a tile grid may be decoded tile by tile) }
 * Out: one message, { ok: true, width, height, channels, icc: Uint8Array | null, data (transferred) }
 *      where data is interleaved RGB(A), or, with `yuv` = { chromaWidth, chromaHeight, kr, kb,
 *      fullRange }, the Y, Cb and Cr planes back to back; or { ok: false, kind: "too_large" |
 *      "undecodable", width?, height? }
 */
import { parentPort, workerData } from "node:worker_threads";
import libheif from "libheif-js/wasm-bundle.js";

const fourcc = (s) => ((s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3)) >>> 0;
const PROF = fourcc("prof");
const RICC = fourcc("rICC");
const NCLX = fourcc("nclx");
/** nclx colour primaries (ITU-T H.273): 12 is SMPTE EG 432-1, Display P3's D65 primaries. */
const PRIMARIES_P3 = 12;
/** Kr and Kb of the nclx matrix coefficients (H.273) converted here: BT.709, unspecified/BT.601 (libheif's default), BT.2020. */
const LUMA_WEIGHTS = { 1: [0.2126, 0.0722], 2: [0.299, 0.114], 5: [0.299, 0.114], 6: [0.299, 0.114], 9: [0.2627, 0.0593], 10: [0.2627, 0.0593] };

/**
 * Calls into libheif's C API through the wasm exports. Those that return a heif_error take a
 * pointer to it as their first argument (the wasm32 ABI for a struct result); code 0 is success.
 */
/** 24 bytes: the 12-byte heif_error at 0, then room for two 4-byte results at 12 and 16. */
function withScratch(fn) {
  const scratch = libheif._malloc(24);
  try {
    return fn(scratch);
  } finally {
    libheif._free(scratch);
  }
}

/** An nclx profile (primaries, matrix, full range) from `get(errorPtr, ptr, outPtr)`, or null if there is none. */
function nclxOf(get, ptr) {
  return withScratch((scratch) => {
    const out = scratch + 12;
    get(scratch, ptr, out);
    if (libheif.HEAP32[scratch >> 2] !== 0) return null;
    const nclx = libheif.HEAPU32[out >> 2];
    // struct heif_color_profile_nclx { uint8_t version; enum color_primaries; enum transfer; enum matrix; uint8_t full_range; ... }
    const profile = { primaries: libheif.HEAP32[(nclx + 4) >> 2], matrix: libheif.HEAP32[(nclx + 12) >> 2], fullRange: libheif.HEAPU8[nclx + 16] !== 0 };
    libheif._heif_nclx_color_profile_free(nclx);
    return profile;
  });
}

/** Whether the image is stored as 8-bit YCbCr 4:2:0 (libheif's preferred decoding colour space and chroma). */
function isYcbcr420(handlePtr) {
  if (libheif._heif_image_handle_get_luma_bits_per_pixel(handlePtr) !== 8 || libheif._heif_image_handle_get_chroma_bits_per_pixel(handlePtr) !== 8) return false;
  return withScratch((scratch) => {
    libheif._heif_image_handle_get_preferred_decoding_colorspace(scratch, handlePtr, scratch + 12, scratch + 16);
    return libheif.HEAP32[scratch >> 2] === 0 && libheif.HEAP32[(scratch + 12) >> 2] === libheif.heif_colorspace.heif_colorspace_YCbCr.value && libheif.HEAP32[(scratch + 16) >> 2] === libheif.heif_chroma.heif_chroma_420.value;
  });
}

/** The ICC profile the pixels must be converted from, or null (untagged, or nclx other than P3: read as sRGB). */
function colourProfile(handlePtr, p3Icc) {
  const type = libheif._heif_image_handle_get_color_profile_type(handlePtr) >>> 0;
  if (type === PROF || type === RICC) {
    const size = libheif._heif_image_handle_get_raw_color_profile_size(handlePtr);
    if (size <= 0) return null;
    const at = libheif._malloc(size);
    try {
      return withScratch((scratch) => {
        libheif._heif_image_handle_get_raw_color_profile(scratch, handlePtr, at);
        return libheif.HEAP32[scratch >> 2] === 0 ? libheif.HEAPU8.slice(at, at + size) : null;
      });
    } finally {
      libheif._free(at);
    }
  }
  if (type === NCLX) return nclxOf(libheif._heif_image_handle_get_nclx_color_profile, handlePtr)?.primaries === PRIMARIES_P3 ? p3Icc : null;
  return null;
}

/** Copy planes out of wasm memory back to back into one buffer, dropping any row padding. */
function copyPlanes(planes, bytesPerPixel) {
  const out = new Uint8Array(planes.reduce((n, p) => n + p.width * bytesPerPixel * p.height, 0));
  let at = 0;
  for (const plane of planes) {
    const rowBytes = plane.width * bytesPerPixel;
    if (plane.stride === rowBytes) out.set(plane.data.subarray(0, rowBytes * plane.height), at);
    else for (let y = 0; y < plane.height; y++) out.set(plane.data.subarray(y * plane.stride, y * plane.stride + rowBytes), at + y * rowBytes);
    at += rowBytes * plane.height;
  }
  return out;
}

/** The Y, Cb, Cr planes of a 4:2:0 decode and how to turn them into RGB, or null if this image needs libheif's RGB path. */
function ycbcrResult(image, width, height) {
  const plane = (id) => image.channels.find((c) => c.id === id);
  const y = plane(libheif.heif_channel.heif_channel_Y);
  const cb = plane(libheif.heif_channel.heif_channel_Cb);
  const cr = plane(libheif.heif_channel.heif_channel_Cr);
  if (!y || !cb || !cr || y.width !== width || y.height !== height) return null;
  if (cb.width !== Math.ceil(width / 2) || cb.height !== Math.ceil(height / 2) || cr.width !== cb.width || cr.height !== cb.height) return null;
  // libheif converts with the decoded image's nclx, or BT.601 full range when it has none.
  const nclx = nclxOf(libheif._heif_image_get_nclx_color_profile, image.image.$$.ptr) ?? { matrix: 6, fullRange: true };
  const weights = LUMA_WEIGHTS[nclx.matrix];
  if (!weights) return null;
  const [kr, kb] = weights;
  return { data: copyPlanes([y, cb, cr], 1), yuv: { chromaWidth: cb.width, chromaHeight: cb.height, kr, kb, fullRange: nclx.fullRange } };
}

/**
 * A tile grid (iPhones store 512×512 HEVC tiles under a `grid` item) decoded one tile at a time
 * straight into the output planes, so libheif never holds the whole picture: the heap stays near
 * the file's size plus one tile. Null when the image is not such a grid (or not 4:2:0 8-bit
 * tiles), for the whole-image path. Only for images without rotation, mirroring or cropping
 * (`plain`), where a tile's place in the output is simply its column and row.
 */
function tiledYcbcr(handlePtr, width, height) {
  return withScratch((scratch) => {
    const tiling = libheif._malloc(80);
    try {
      libheif.HEAPU8.fill(0, tiling, tiling + 80);
      libheif._heif_image_handle_get_image_tiling(scratch, handlePtr, 1, tiling);
      // struct heif_image_tiling { int version; uint32 num_columns, num_rows, tile_width, tile_height, image_width, image_height, top_offset, left_offset; ... }
      const [, cols, rows, tileW, tileH, imageW, imageH, top, left] = Array.from(libheif.HEAPU32.subarray(tiling >> 2, (tiling >> 2) + 9));
      if (libheif.HEAP32[scratch >> 2] !== 0 || cols * rows < 2 || imageW !== width || imageH !== height || top !== 0 || left !== 0 || tileW % 2 || tileH % 2) return null;
      const chromaWidth = Math.ceil(width / 2), chromaHeight = Math.ceil(height / 2);
      const out = new Uint8Array(width * height + 2 * chromaWidth * chromaHeight);
      const planes = [
        { channel: libheif.heif_channel.heif_channel_Y.value, at: 0, w: width, h: height, tw: tileW, th: tileH },
        { channel: libheif.heif_channel.heif_channel_Cb.value, at: width * height, w: chromaWidth, h: chromaHeight, tw: tileW / 2, th: tileH / 2 },
        { channel: libheif.heif_channel.heif_channel_Cr.value, at: width * height + chromaWidth * chromaHeight, w: chromaWidth, h: chromaHeight, tw: tileW / 2, th: tileH / 2 },
      ];
      let nclx = nclxOf(libheif._heif_image_handle_get_nclx_color_profile, handlePtr);
      for (let ty = 0; ty < rows; ty++) {
        for (let tx = 0; tx < cols; tx++) {
          libheif._heif_image_handle_decode_image_tile(scratch, handlePtr, scratch + 12, libheif.heif_colorspace.heif_colorspace_YCbCr.value, libheif.heif_chroma.heif_chroma_420.value, 0, tx, ty);
          if (libheif.HEAP32[scratch >> 2] !== 0) return null;
          const image = libheif.HEAPU32[(scratch + 12) >> 2];
          try {
            if (libheif._heif_image_get_chroma_format(image) !== libheif.heif_chroma.heif_chroma_420.value) return null;
            nclx ??= nclxOf(libheif._heif_image_get_nclx_color_profile, image);
            for (const p of planes) {
              if (libheif._heif_image_get_width(image, p.channel) !== p.tw || libheif._heif_image_get_height(image, p.channel) !== p.th || libheif._heif_image_get_bits_per_pixel_range(image, p.channel) !== 8) return null;
              const data = libheif._heif_image_get_plane_readonly(image, p.channel, scratch + 16);
              const stride = libheif.HEAP32[(scratch + 16) >> 2];
              const x0 = tx * p.tw, y0 = ty * p.th;
              const cols_ = Math.min(p.tw, p.w - x0), rows_ = Math.min(p.th, p.h - y0);
              for (let y = 0; y < rows_; y++) out.set(libheif.HEAPU8.subarray(data + y * stride, data + y * stride + cols_), p.at + (y0 + y) * p.w + x0);
            }
          } finally {
            libheif._heif_image_release(image);
          }
        }
      }
      const weights = LUMA_WEIGHTS[(nclx ?? { matrix: 6 }).matrix];
      if (!weights) return null;
      return { data: out, yuv: { chromaWidth, chromaHeight, kr: weights[0], kb: weights[1], fullRange: nclx?.fullRange ?? true } };
    } finally {
      libheif._free(tiling);
    }
  });
}

/** Decode to `colorspace`/`chroma` and pass the image to `read`, releasing it after. */
async function decoded(handle, colorspace, chroma, read) {
  const image = await libheif.heif_js_decode_image2(handle, colorspace, chroma);
  if (!image || image.code) return null;
  try {
    return read(image);
  } finally {
    libheif.heif_image_release(image.image);
  }
}

async function main() {
  const { maxPixels, alpha, p3Icc, plain } = workerData;
  await libheif.ready;
  // The file goes into the wasm heap once and libheif reads it in place (HeifDecoder.decode copied
  // it twice: an embind string, then libheif's own copy); this thread's copy is dropped (and, with
  // the worker's --expose-gc, collected) before anything is decoded.
  const size = workerData.bytes.length;
  const file = libheif._malloc(size);
  if (!file) return { ok: false, kind: "undecodable" };
  libheif.HEAPU8.set(workerData.bytes, file);
  workerData.bytes = null;
  globalThis.gc?.();
  const context = libheif.heif_context_alloc();
  let handle = null;
  try {
    const read = withScratch((scratch) => {
      libheif._heif_context_read_from_memory_without_copy(scratch, context.$$.ptr, file, size, 0);
      return libheif.HEAP32[scratch >> 2];
    });
    if (read !== 0) return { ok: false, kind: "undecodable" };
    handle = libheif.heif_js_context_get_primary_image_handle(context);
    if (!handle || handle.code) return { ok: false, kind: "undecodable" };
    // Sizes come from the container (ispe + transforms) before any pixel is decoded.
    const width = libheif.heif_image_handle_get_width(handle);
    const height = libheif.heif_image_handle_get_height(handle);
    if (width <= 0 || height <= 0) return { ok: false, kind: "undecodable" };
    if (width * height > maxPixels) return { ok: false, kind: "too_large", width, height };
    const handlePtr = handle.$$.ptr;
    const icc = colourProfile(handlePtr, p3Icc);
    // Rotation and mirroring (irot/imir) are applied by libheif while decoding, in either path.
    if (!alpha && isYcbcr420(handlePtr)) {
      const tiled = plain ? tiledYcbcr(handlePtr, width, height) : null;
      if (tiled) return { ok: true, width, height, channels: 3, icc, ...tiled };
      const planes = await decoded(handle, libheif.heif_colorspace.heif_colorspace_YCbCr, libheif.heif_chroma.heif_chroma_420, (image) => ycbcrResult(image, width, height));
      if (planes) return { ok: true, width, height, channels: 3, icc, ...planes };
    }
    const channels = alpha ? 4 : 3;
    const chroma = alpha ? libheif.heif_chroma.heif_chroma_interleaved_RGBA : libheif.heif_chroma.heif_chroma_interleaved_RGB;
    const rgb = await decoded(handle, libheif.heif_colorspace.heif_colorspace_RGB, chroma, (image) => {
      const plane = image.channels.find((c) => c.id === libheif.heif_channel.heif_channel_interleaved);
      if (!plane || plane.width !== width || plane.height !== height) return null;
      return copyPlanes([plane], channels);
    });
    return rgb ? { ok: true, width, height, channels, icc, data: rgb } : { ok: false, kind: "undecodable" };
  } catch {
    return { ok: false, kind: "undecodable" };
  } finally {
    if (handle && !handle.code) libheif.heif_image_handle_release(handle);
    libheif.heif_context_free(context);
    libheif._free(file);
  }
}

main().then(
  (result) => parentPort.postMessage(result, result.ok ? [result.data.buffer] : []),
  () => parentPort.postMessage({ ok: false, kind: "undecodable" }),
);
