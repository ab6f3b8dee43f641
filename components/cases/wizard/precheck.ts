"use client";
/**
 * The browser's quality pre-check (SPEC §16): before a photo is uploaded, a copy downscaled to
 * the worker's 1024 px is measured with the very same algorithm the worker uses for the stored
 * flags (lib/photos/quality.ts, no Node-only imports), so the referrer can retake a blurred or
 * dark photo while the patient is still in the room. The worker's flags stay authoritative.
 */
import type { PhotoFlag } from "@/lib/db/schema/enums";
import { assessQuality, QUALITY_EDGE } from "@/lib/photos/quality";

/** Flags the pre-check raised, or null when this browser cannot decode the file (e.g. HEIC). */
export async function precheckPhoto(file: Blob): Promise<PhotoFlag[] | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  try {
    const scale = Math.min(1, QUALITY_EDGE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) return null;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(bitmap, 0, 0, width, height);
    const { data } = ctx.getImageData(0, 0, width, height);
    return assessQuality({ data, width, height, channels: 4 }, { width: bitmap.width, height: bitmap.height }).flags;
  } finally {
    bitmap.close();
  }
}
