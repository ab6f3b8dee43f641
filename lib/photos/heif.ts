/**
 * HEIC/HEIF and AVIF input (SPEC §16). sharp's prebuilt libvips reads the HEIF container and
 * decodes AV1 (AVIF) itself, but has no HEVC decoder, so HEIC pixels come from libheif in wasm
 * (libheif-js) in a worker thread with a time limit, then go through the same sharp
 * renditions as a JPEG. Raw pixels carry no metadata, so EXIF/GPS/XMP cannot survive.
 *
 * Orientation: HEIF stores rotation and mirroring as container properties (`irot`, `imir`),
 * which libheif applies while decoding; the EXIF Orientation tag is informative only and iPhones
 * write both. Applying both would turn an iPhone photo twice, so the EXIF tag is used only when the
 * container has no transform property (files converted by tools such as heif-enc 1.15, which copy
 * the JPEG's EXIF but write no `irot`).
 */
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import sharp, { type Sharp } from "sharp";
import { srgbFrame, type YcbcrLayout } from "./heic-pixels";
import { PhotoRejectedError } from "./photo-rejected-error";

/** Longest a HEIC decode may take before it is abandoned (a 12 MP photo takes about 1 s here). */
export const HEIC_DECODE_TIMEOUT_MS = 30_000;

/** V8 heap limits of the decode thread; pixel buffers live outside it and are bounded by the pixel limit. */
const THREAD_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };

/** Pixels decoded from a HEIC, already rotated and mirrored by the container's transforms. */
export interface DecodedHeic {
  width: number;
  height: number;
  /** 3 (RGB), or 4 (RGBA) when alpha was asked for. */
  channels: 3 | 4;
  /** Interleaved, 8 bits per channel, sRGB (converted from the image's colour profile, lib/photos/colour-to-srgb.mjs). */
  data: Buffer;
}

type ThreadResult =
  | { ok: true; width: number; height: number; channels: 3 | 4; icc: Uint8Array | null; yuv?: YcbcrLayout; data: Uint8Array }
  | { ok: false; kind: "too_large" | "undecodable"; width?: number; height?: number };

const THREAD_FILE = fileURLToPath(new URL("./heic-decode-thread.mjs", import.meta.url));

const undecodable = (cause?: unknown) =>
  new PhotoRejectedError("The HEIC photo could not be decoded; the file may be damaged or incomplete.", { cause });

/** The referrer-facing reason for an image over the pixel limit. */
export function tooLargeReason(width: number, height: number, maxPixels: number): string {
  const mp = Math.round((width * height) / 1e6);
  return `The photo is too large: ${width}×${height} pixels (${mp} megapixels); the limit is ${maxPixels / 1e6} megapixels.`;
}

/**
 * A full garbage collection when the worker exposes gc() (scripts/worker.sh: --expose-gc). HEIC
 * frames and planes are tens of MB outside V8's heap that V8 otherwise leaves resident for a while
 * (docs/decisions.md "HEIC memory and colour"); a collection of the worker's small heap takes
 * milliseconds, against seconds for the decode.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

let p3Profile: Promise<Uint8Array> | undefined;

/** libvips's built-in Display P3 ICC profile (sharp's `withIccProfile("p3")`), for HEICs tagged P3 by nclx primaries rather than ICC. */
export function displayP3Profile(): Promise<Uint8Array> {
  p3Profile ??= sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } })
    .withIccProfile("p3")
    .png()
    .toBuffer()
    .then(async (png) => new Uint8Array((await sharp(png).metadata()).icc!));
  return p3Profile;
}

/**
 * Decode the primary image of a HEIC in a worker thread.
 *
 * @throws PhotoRejectedError when the file is over `maxPixels` (decided from the container before
 *   any pixel is decoded), undecodable, or takes longer than `timeoutMs`
 */
export async function decodeHeic(bytes: Buffer, opts: { maxPixels: number; timeoutMs?: number; alpha?: boolean }): Promise<DecodedHeic> {
  const timeoutMs = opts.timeoutMs ?? HEIC_DECODE_TIMEOUT_MS;
  const p3Icc = await displayP3Profile();
  // The previous photo's frame (3 bytes a pixel, external to V8's heap, which feels no pressure to
  // collect it) can still be resident: it goes before this decode adds its own high-water mark.
  collectGarbage();
  return new Promise<DecodedHeic>((resolve, reject) => {
    const worker = new Worker(THREAD_FILE, {
      workerData: { bytes: new Uint8Array(bytes), maxPixels: opts.maxPixels, alpha: opts.alpha === true, p3Icc, plain: !hasHeifTransform(bytes) },
      resourceLimits: THREAD_LIMITS,
      stdout: true,
      stderr: true,
    });
    // The thread's own output (libheif diagnostics) is dropped: it never holds anything we log.
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The thread's wasm heap (~270 MB for a 40 MP photo) is gone before the pixels are used.
      void worker.terminate().finally(fn);
    };
    const timer = setTimeout(
      () => settle(() => reject(new PhotoRejectedError(`The HEIC photo took longer than ${Math.round(timeoutMs / 1000)} s to decode; export it as JPEG and upload it again.`))),
      timeoutMs,
    );
    worker.once("message", (msg: ThreadResult) =>
      settle(() => {
        if (msg.ok) {
          // After the thread (and its wasm heap) is gone: RGB from YCbCr planes, sRGB from P3.
          const { data: planes, width, height, channels, yuv, icc } = msg;
          msg.data = new Uint8Array(0); // the planes (58 MB at 40 MP) are referenced by srgbFrame only
          return srgbFrame(planes, width, height, channels, yuv, icc).then(
            (data) => {
              if (yuv) collectGarbage(); // the planes, before the renditions add their own buffers
              resolve({ width, height, channels, data });
            },
            (err: unknown) => reject(undecodable(err)),
          );
        }
        if (msg.kind === "too_large") return reject(new PhotoRejectedError(tooLargeReason(msg.width ?? 0, msg.height ?? 0, opts.maxPixels)));
        reject(undecodable());
      }),
    );
    // Out of memory (resource limits) or a crash inside the thread: the photo is refused, the worker lives.
    worker.once("error", (err) => settle(() => reject(undecodable(err))));
    worker.once("exit", (code) => settle(() => reject(undecodable(new Error(`decode thread exited with ${code}`)))));
  });
}

/** Reads a big-endian box header at `at`; null past the end or on a malformed size. */
function box(bytes: Buffer, at: number, end: number): { type: string; start: number; end: number } | null {
  if (at + 8 > end) return null;
  let size = bytes.readUInt32BE(at);
  let header = 8;
  if (size === 1) {
    if (at + 16 > end) return null;
    size = Number(bytes.readBigUInt64BE(at + 8));
    header = 16;
  } else if (size === 0) {
    size = end - at;
  }
  if (size < header || at + size > end) return null;
  return { type: bytes.toString("latin1", at + 4, at + 8), start: at + header, end: at + size };
}

function findChild(bytes: Buffer, start: number, end: number, type: string): { start: number; end: number } | null {
  for (let at = start, b = box(bytes, at, end); b; at = b.end, b = box(bytes, at, end)) {
    if (b.type === type) return b;
  }
  return null;
}

/**
 * Whether the HEIF container declares a rotation or mirror property (`irot`/`imir` under
 * meta → iprp → ipco). A coarse check: any such property counts, associated with the primary
 * image or not, which errs towards trusting the container (libheif) over EXIF.
 */
export function hasHeifTransform(bytes: Buffer): boolean {
  const meta = findChild(bytes, 0, bytes.length, "meta");
  if (!meta) return false;
  // meta is a full box: 4 bytes of version and flags before its children.
  const iprp = findChild(bytes, meta.start + 4, meta.end, "iprp");
  const ipco = iprp && findChild(bytes, iprp.start, iprp.end, "ipco");
  if (!ipco) return false;
  return findChild(bytes, ipco.start, ipco.end, "irot") !== null || findChild(bytes, ipco.start, ipco.end, "imir") !== null;
}

/** The EXIF Orientation tag (1–8) of an EXIF block as sharp's metadata() returns it, or 1. */
export function exifOrientation(exif: Buffer | undefined): number {
  if (!exif) return 1;
  let tiff = exif.indexOf("II*\0", 0, "latin1");
  const mm = exif.indexOf("MM\0*", 0, "latin1");
  if (tiff < 0 || (mm >= 0 && mm < tiff)) tiff = mm;
  if (tiff < 0 || tiff + 8 > exif.length) return 1;
  const le = exif[tiff] === 0x49;
  const u16 = (o: number) => (le ? exif.readUInt16LE(o) : exif.readUInt16BE(o));
  const u32 = (o: number) => (le ? exif.readUInt32LE(o) : exif.readUInt32BE(o));
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > exif.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > exif.length) return 1;
    if (u16(entry) === 0x0112) {
      const v = u16(entry + 8);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

/**
 * Apply an EXIF orientation to pixels that carry no metadata. sharp mirrors before it rotates,
 * so transpose (5) is a flop then 270°, transverse (7) a flop then 90°.
 */
export function orient(image: Sharp, orientation: number): Sharp {
  switch (orientation) {
    case 2: return image.flop();
    case 3: return image.rotate(180);
    case 4: return image.flip();
    case 5: return image.flop().rotate(270);
    case 6: return image.rotate(90);
    case 7: return image.flop().rotate(90);
    case 8: return image.rotate(270);
    default: return image;
  }
}
