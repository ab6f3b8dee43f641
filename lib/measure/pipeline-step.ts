/**
 * The measurement step of the photo pipeline (SPEC §15), kept apart from lib/photos: the pipeline
 * asks for a step before processing (this reads the photo's view and its clinic's sticker side),
 * the processor runs it on its display-size pixels while the master is still encoding, and the
 * result is turned into the `scale` and `measurement` columns. A fault in here never rejects a
 * photo: it is stored without a scale and the fault is logged (ids only).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { clinics, photos } from "../db/schema";
import { logger } from "../log";
import { DEFAULT_MARKER_SIDE_MM, measureWorking, toPhotoResult, type PhotoMeasureResult, type WorkingMeasure } from "./measure-photo";

type Working = { data: Buffer; width: number; height: number; channels: number; preview?: { data: Buffer; width: number; height: number; channels: 3 } };

/** The step to hand to processPhoto for photo `photoId`. */
export async function measurementStep(db: Db, photoId: string): Promise<(px: Working) => Promise<WorkingMeasure | null>> {
  const [row] = await db
    .select({ view: photos.view, markerSideMm: clinics.markerSideMm })
    .from(photos)
    .innerJoin(clinics, eq(clinics.id, photos.clinicId))
    .where(eq(photos.id, photoId));
  const view = row?.view ?? "overview";
  const markerSideMm = row?.markerSideMm ?? DEFAULT_MARKER_SIDE_MM;
  return async (px) => {
    try {
      if (px.channels !== 3 && px.channels !== 4) return null;
      return await measureWorking({ data: px.data, width: px.width, height: px.height, channels: px.channels }, { view, markerSideMm }, px.preview);
    } catch (err) {
      logger.warn({ photoId, err: err instanceof Error ? err.name : "unknown" }, "photo measurement failed; stored without a scale");
      return null;
    }
  };
}

/** The photo's `scale` and `measurement` from the processor's output. */
export function measuredFields(out: { width: number; step?: WorkingMeasure | null }): PhotoMeasureResult {
  return out.step ? toPhotoResult(out.step, out.width) : { scale: null, measurement: null };
}
