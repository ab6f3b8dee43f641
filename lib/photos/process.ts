/**
 * Turns an uploaded photo into the three renditions DermRelay stores (SPEC §4.3): decoded under a
 * pixel limit by an allow-listed loader, oriented upright, converted to sRGB and stripped of all
 * metadata (EXIF, GPS, XMP, IPTC, comments, ICC), plus the quality metrics of §4.4.
 *
 * Why it is shaped this way:
 * - Nothing reaches a libvips loader unless its magic bytes say JPEG, PNG, WebP, HEIC or AVIF, and
 *   the header (read without decoding pixels) must agree and fit in {@link MAX_PIXELS}. A
 *   decompression bomb is refused from its header in milliseconds.
 * - HEIC pixels come from libheif (wasm) in a worker thread with a time limit (lib/photos/heif.ts);
 *   AVIF is decoded by sharp itself. Both then take the same path as a JPEG.
 * - CPU cost matches bare sharp producing the same three JPEGs (measured on a 12 MP JPEG): the
 *   master is encoded straight from the input, and the display-sized raw pixels are decoded once
 *   and reused for the display JPEG, the thumbnail and the greyscale quality copy. Decoding the
 *   whole 12 MP image to raw first costs more (no shrink-on-load, one big 36 MB buffer).
 * - Sharp strips metadata unless asked to keep it, so this module never calls withMetadata(),
 *   keepMetadata(), keepExif() or keepIccProfile().
 */
import sharp, { type JpegOptions, type Metadata, type ResizeOptions, type Sharp, type SharpOptions } from "sharp";
import { decodeCost, withDecodeBudget } from "./decode-budget";
import { DISPLAY_EDGE, MAX_PIXELS, THUMB_EDGE } from "./limits";
import { PhotoRejectedError } from "./photo-rejected-error";
import { decodeHeic, exifOrientation, hasHeifTransform, orient, tooLargeReason } from "./heif";
import { assessQuality, QUALITY_EDGE, type PixelImage, type PhotoQuality } from "./quality";
import { SNIFF_BYTES, sniffImageType } from "./sniff";

export { PhotoRejectedError, isPhotoRejectedError } from "./photo-rejected-error";

/** Input formats the pipeline will decode. Everything else is refused before decoding. */
export const ACCEPTED_FORMATS = ["jpeg", "png", "webp", "heic", "avif"] as const;
export type AcceptedFormat = (typeof ACCEPTED_FORMATS)[number];

/**
 * JPEG settings per rendition. The master keeps sharp's default 4:2:0 chroma: phone cameras
 * already store 4:2:0, so 4:4:4 would cost ~20% more CPU and bytes without recovering detail.
 * The master is written with libjpeg's standard Huffman tables (`optimiseCoding: false`):
 * optimised tables need a second pass over a whole-image coefficient buffer (~3 bytes a pixel,
 * ≈ 117 MB at 39 MP, plus the encoder's copies), which was most of the worker's peak RSS. The
 * decoded pixels are identical either way; the file is ~5% larger (bench:worker-memory prints both).
 */
export const RENDITION_JPEG = {
  master: { quality: 92, optimiseCoding: false },
  display: { quality: 85 },
  thumb: { quality: 80 },
} as const satisfies Record<string, JpegOptions>;

/** The stored renditions of one photo. All three are baseline sRGB JPEGs without metadata. */
export interface ProcessedPhoto {
  /** Full resolution, upright, JPEG q92. */
  master: Buffer;
  /** Long edge at most {@link DISPLAY_EDGE}, never enlarged, JPEG q85. */
  display: Buffer;
  /** Long edge at most {@link THUMB_EDGE}, never enlarged, JPEG q80. */
  thumb: Buffer;
  /** Output media type of every rendition. */
  contentType: "image/jpeg";
  /** Width after EXIF orientation was applied. */
  width: number;
  /** Height after EXIF orientation was applied. */
  height: number;
  /** Format of the uploaded file. */
  sourceFormat: AcceptedFormat;
  quality: PhotoQuality;
}

/**
 * Display-size decoded pixels, as handed to an extra step such as lib/measure, with the RGB
 * quality copy (long edge {@link QUALITY_EDGE}) already made from them, for a step's coarse search.
 */
export type WorkingPixels = { data: Buffer; width: number; height: number; channels: number; preview?: { data: Buffer; width: number; height: number; channels: 3 } };

const DECODE_OPTIONS: SharpOptions = {
  limitInputPixels: MAX_PIXELS,
  // 'error' aborts on corrupt or truncated pixel data; 'warning' (sharp's default) would also
  // refuse real phone JPEGs with harmless quirks such as padding after the end marker.
  failOn: "error",
  sequentialRead: true,
};

/** Longest sharp may spend on one rendition before the photo is refused as undecodable. */
const SHARP_TIMEOUT = { seconds: 60 };

/** What the header says about an accepted upload. */
interface Header {
  format: AcceptedFormat;
  hasAlpha: boolean;
  /** EXIF orientation still to apply by hand (HEIF only; sharp's autoOrient covers the rest). */
  orientation: number;
  /** Width × height, within {@link MAX_PIXELS}. */
  pixels: number;
}

const NOT_AN_IMAGE = "The file is not a JPEG, PNG, WebP, HEIC or AVIF photo.";

function isAccepted(format: string | undefined): format is AcceptedFormat {
  return (ACCEPTED_FORMATS as readonly string[]).includes(format ?? "");
}

/** Reads the header only (no pixel decode) and enforces the allow-list and pixel limit. */
async function inspectHeader(bytes: Buffer): Promise<Header> {
  const sniffed = sniffImageType(bytes.subarray(0, SNIFF_BYTES));
  if (sniffed === null) throw new PhotoRejectedError(NOT_AN_IMAGE);

  let meta: Metadata;
  try {
    // No pixel limit here: the header is parsed lazily and the limit is checked just below
    // with a reason that names the size.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw new PhotoRejectedError("The photo could not be read; the file may be damaged.", { cause });
  }
  const heif = sniffed === "heic" || sniffed === "avif";
  // libvips names both HEIF codecs "heif"; the codec must agree with the brand the bytes declare.
  const agrees = heif
    ? meta.format === "heif" && meta.compression === (sniffed === "avif" ? "av1" : "hevc")
    : isAccepted(meta.format) && meta.format === sniffed;
  if (!agrees) throw new PhotoRejectedError(NOT_AN_IMAGE);
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width <= 0 || height <= 0) throw new PhotoRejectedError("The photo has no pixels.");
  if (width * height > MAX_PIXELS) throw new PhotoRejectedError(tooLargeReason(width, height, MAX_PIXELS));
  const orientation = heif && !hasHeifTransform(bytes) ? exifOrientation(meta.exif) : 1;
  return { format: sniffed, hasAlpha: meta.hasAlpha === true, orientation, pixels: width * height };
}

/**
 * Opens the image, upright and sRGB, ready for the renditions; each call gives a new pipeline over
 * the same bytes. Not `sharp.clone()`: a clone structuredClones its options, input buffer
 * included, so every clone copied the upload (and a HEIC's whole RGBA frame, 160 MB at 40 MP).
 * No metadata survives decoding.
 */
async function decodeUpright(bytes: Buffer, header: Header): Promise<() => Sharp> {
  let open: () => Sharp;
  if (header.format === "heic") {
    // RGB unless the image has alpha (lib/photos/heic-decode-thread.mjs: a quarter less to hold).
    const { width, height, channels, data } = await decodeHeic(bytes, { maxPixels: MAX_PIXELS, alpha: header.hasAlpha });
    open = () => orient(sharp(data, { raw: { width, height, channels }, limitInputPixels: MAX_PIXELS }), header.orientation);
  } else if (header.format === "avif") {
    open = () => orient(sharp(bytes, DECODE_OPTIONS), header.orientation);
  } else {
    open = () => sharp(bytes, DECODE_OPTIONS).autoOrient();
  }
  return () => {
    const upright = open().toColourspace("srgb").timeout(SHARP_TIMEOUT);
    // JPEG has no alpha: composite transparent pixels onto white, not black.
    return header.hasAlpha ? upright.flatten({ background: "#ffffff" }) : upright;
  };
}

function fit(edge: number): ResizeOptions {
  return { width: edge, height: edge, fit: "inside", withoutEnlargement: true };
}

/** Decodes once at display size, then derives the display JPEG, thumbnail, the RGB quality copy and the measurement step's pixels. */
async function smallRenditions(upright: Sharp): Promise<{ display: Buffer; thumb: Buffer; grey: PixelImage; working: WorkingPixels }> {
  const { data, info } = await upright
    .resize(fit(DISPLAY_EDGE))
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
  const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels as 1 | 2 | 3 | 4 } });
  const [display, thumb, grey] = await Promise.all([
    pixels().jpeg(RENDITION_JPEG.display).toBuffer(),
    pixels().resize(fit(THUMB_EDGE)).jpeg(RENDITION_JPEG.thumb).toBuffer(),
    pixels().resize(fit(QUALITY_EDGE)).removeAlpha().raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true }),
  ]);
  if (grey.info.channels !== 3) throw new Error(`Expected 3 channels in the quality copy, got ${grey.info.channels}`);
  const copy = { data: grey.data, width: grey.info.width, height: grey.info.height, channels: 3 as const };
  return { display, thumb, grey: copy, working: { data, width: info.width, height: info.height, channels: info.channels, preview: copy } };
}

/**
 * Decode, orient, strip and re-encode an uploaded photo, and measure its quality.
 *
 * @param bytes the uploaded file, exactly as received
 * @param step optional extra work on the display-size pixels (the measurement of SPEC §15): it runs
 *   while the master is still encoding, so it adds little wall time; it must not throw (a step
 *   logs its own faults), and if it does its result is simply absent
 * @throws PhotoRejectedError when the file can never be processed (wrong format, over the pixel
 *   limit, corrupt or truncated); the reason is safe to show to the referrer
 */
export async function processPhoto<S = undefined>(
  bytes: Buffer,
  step?: (working: WorkingPixels) => Promise<S>,
): Promise<ProcessedPhoto & { step?: S }> {
  const header = await inspectHeader(bytes);
  // Decoded pixels in flight are bounded per process (lib/photos/decode-budget.ts).
  return withDecodeBudget(decodeCost(header.pixels, header.format === "heic" ? "heic" : "other"), () => render(bytes, header, step));
}

async function render<S>(bytes: Buffer, header: Header, step?: (working: WorkingPixels) => Promise<S>): Promise<ProcessedPhoto & { step?: S }> {
  const upright = await decodeUpright(bytes, header);
  try {
    const small = smallRenditions(upright());
    const [master, renditions, stepResult] = await Promise.all([
      upright().jpeg(RENDITION_JPEG.master).toBuffer({ resolveWithObject: true }),
      small,
      step ? small.then((r) => step(r.working)).catch(() => undefined) : undefined,
    ]);
    const { width, height } = master.info;
    const quality = assessQuality(renditions.grey, { width, height });
    return {
      master: master.data,
      display: renditions.display,
      thumb: renditions.thumb,
      contentType: "image/jpeg",
      width,
      height,
      sourceFormat: header.format,
      quality,
      step: stepResult,
    };
  } catch (cause) {
    if (cause instanceof PhotoRejectedError) throw cause;
    throw new PhotoRejectedError("The photo could not be decoded; the file may be damaged or incomplete.", { cause });
  }
}
