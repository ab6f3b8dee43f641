/** The photo shape of the API (SPEC §8), built from a row without storage keys or hashes. */
import type { photos } from "../db/schema";
import type { PhotoMeasurement, PhotoScale } from "../measure/types";

export type PhotoDto = {
  id: string;
  caseId: string;
  view: string;
  bodySite: string;
  status: "processing" | "ready" | "rejected";
  rejectReason: string | null;
  width: number | null;
  height: number | null;
  quality: { sharpness: number; brightness: number; clippedHighlights?: number; clippedShadows?: number; flags: string[] } | null;
  /** Calibration-sticker scale (SPEC §15); null when the photo has no trustworthy marker. */
  scale: PhotoScale | null;
  /** Automatic lesion measurement, a suggestion; null without a scale or on overview photos. */
  measurement: PhotoMeasurement | null;
  /** The lesion this photo shows (SPEC §15), null when not linked. */
  lesionId: string | null;
  createdAt: string;
};

export function photoDto(row: typeof photos.$inferSelect): PhotoDto {
  return {
    id: row.id,
    caseId: row.caseId,
    view: row.view,
    bodySite: row.bodySite,
    status: row.status,
    rejectReason: row.rejectReason,
    width: row.width,
    height: row.height,
    quality: row.quality,
    scale: row.scale ?? null,
    measurement: row.measurement ?? null,
    lesionId: row.lesionId ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
