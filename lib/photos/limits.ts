/**
 * Photo limits from SPEC §3 and §4, in one place so the upload route, the worker and the UI
 * guidance quote the same numbers.
 */

/** Largest accepted upload, enforced while streaming (25 MB). */
export const MAX_PHOTO_BYTES = 25 * 1024 * 1024;

/** Largest accepted image area in pixels (40 megapixels), checked from the header before decoding. */
export const MAX_PIXELS = 40_000_000;

/** Recommended minimum long edge; a photo below it is flagged `low_resolution`. */
export const MIN_WIDTH = 800;

/** Recommended minimum short edge; a photo below it is flagged `low_resolution`. */
export const MIN_HEIGHT = 600;

/** Photos per case (SPEC §3). */
export const MAX_PHOTOS_PER_CASE = 12;

/** Long edge of the display rendition, in pixels (never enlarged). */
export const DISPLAY_EDGE = 2048;

/** Long edge of the thumbnail rendition, in pixels (never enlarged). */
export const THUMB_EDGE = 320;

/**
 * Whether an image of this size is below the 800×600 guidance, whichever way it is held:
 * the shorter side must reach {@link MIN_HEIGHT} and the longer side {@link MIN_WIDTH}.
 */
export function isLowResolution(width: number, height: number): boolean {
  return Math.min(width, height) < MIN_HEIGHT || Math.max(width, height) < MIN_WIDTH;
}
