/**
 * Process-wide libvips loader allow-list. processPhoto() already refuses anything whose magic
 * bytes and header are not JPEG/PNG/WebP before decoding; this adds a second wall inside libvips
 * itself, so even a future code path that hands sharp untrusted bytes cannot reach the SVG, PDF,
 * TIFF, GIF, HEIF, … loaders. It is global to the process, hence opt-in: the photo worker calls it
 * once at startup. Do not call it in a process that needs other formats (e.g. Next's image
 * optimizer serving GIF/SVG assets).
 */
import sharp from "sharp";

/** libvips loaders left enabled: in-memory JPEG, PNG and WebP. */
export const ALLOWED_SHARP_LOADERS = [
  "VipsForeignLoadJpegBuffer",
  "VipsForeignLoadPngBuffer",
  "VipsForeignLoadWebpBuffer",
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
