/**
 * Which of the five states a wizard photo is in (SPEC §16): Saved on this device · Uploading n % ·
 * Processing · Ready · Needs attention. Pure (no React, no browser APIs), so the rules are unit-tested
 * and the card and the review step read one answer.
 *
 * What an upload's answer means for the copy kept on the device:
 * - stored (201) → the device copy goes; the photo is Processing until the worker is done;
 * - no connection (`unavailable`) or too many requests (`rate_limited`) → the device copy stays and
 *   is sent again later (on `online`, on the next visit, or by the periodic retry);
 * - any other refusal (too large, unsupported, session ended, case no longer a draft) → sending the
 *   same bytes again cannot help: the device copy goes and the card needs attention (retake).
 */
import type { Result } from "@/components/api/client";
import type { PhotoDto } from "@/lib/photos/dto";
import { PHOTO_STATE_LABEL, type PhotoState } from "@/lib/vocabulary";

export type { PhotoState } from "@/lib/vocabulary";

/** Codes after which the same bytes are worth sending again later. */
const RETRY_LATER = new Set(["unavailable", "rate_limited"]);

const REJECTED_REASON = "The file could not be read as an image.";

/** The state of a photo the server has. */
export function stateOfPhoto(photo: PhotoDto): { phase: PhotoState; reason?: string } {
  if (photo.status === "ready") return { phase: "ready" };
  if (photo.status === "processing") return { phase: "processing" };
  return { phase: "attention", reason: photo.rejectReason ?? REJECTED_REASON };
}

export type AfterUpload = { phase: PhotoState; photo?: PhotoDto; reason?: string; keepOnDevice: boolean };

/** What an upload's Result (components/cases/wizard/upload-photo.ts) means for the card and the device copy. */
export function afterUpload(result: Result<PhotoDto>): AfterUpload {
  if (result.ok) return { ...stateOfPhoto(result.data), photo: result.data, keepOnDevice: false };
  if (RETRY_LATER.has(result.code)) return { phase: "saved", keepOnDevice: true };
  return { phase: "attention", reason: result.message, keepOnDevice: false };
}

/** The words of a state; uploading carries its percentage ("Uploading 42 %"). */
export function stateLabel(phase: PhotoState, progress = 0): string {
  if (phase !== "uploading") return PHOTO_STATE_LABEL[phase];
  return `${PHOTO_STATE_LABEL.uploading} ${Math.max(0, Math.min(100, Math.round(progress * 100)))} %`;
}

/** Whether a photo in this state takes one of the case's photo slots (a failed upload does not). */
export function takesSlot(item: { phase: PhotoState; photo?: unknown }): boolean {
  return item.phase !== "attention" || item.photo !== undefined;
}
