/**
 * Process-wide libvips loader allow-list. processPhoto() already refuses anything whose magic
 * bytes and header are not JPEG/PNG/WebP/HEIC/AVIF before decoding; this adds a second wall inside
 * libvips itself, so even a future code path that hands sharp untrusted bytes cannot reach the
 * SVG, PDF, TIFF, GIF, JPEG 2000, … loaders. The HEIF loader is allowed for AVIF pixels and for
 * reading HEIC headers (size, EXIF); this prebuilt libvips has no HEVC decoder, so HEIC pixels are
 * decoded by heic-decode instead (lib/photos/heif.ts). It is global to the process, hence opt-in: the photo worker calls it
 * once at startup. Do not call it in a process that needs other formats (e.g. Next's image
 * optimizer serving GIF/SVG assets).
 */
import sharp from "sharp";

/** libvips loaders left enabled: in-memory JPEG, PNG, WebP and HEIF (AVIF). */
export const ALLOWED_SHARP_LOADERS = [
  "VipsForeignLoadJpegBuffer",
  "VipsForeignLoadPngBuffer",
  "VipsForeignLoadWebpBuffer",
  "VipsForeignLoadHeifBuffer",
] as const;

/** Block every libvips loader except {@link ALLOWED_SHARP_LOADERS}, for the whole process. Idempotent. */
export function restrictSharpLoaders(): void {
  sharp.block({ operation: ["VipsForeignLoad"] });
  sharp.unblock({ operation: [...ALLOWED_SHARP_LOADERS] });
}

/** Undo {@link restrictSharpLoaders} (tests, or a process that must read other formats again). */
export function unrestrictSharpLoaders(): void {
  sharp.unblock({ operation: ["VipsForeignLoad"] });
}
