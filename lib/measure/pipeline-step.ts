/**
 * The measurement step of the photo pipeline (SPEC §15), kept apart from lib/photos so the
 * processor only hands over its decoded pixels and stores what comes back. Reads the photo's view
 * and its clinic's sticker side; a failure in here never rejects a photo — the photo is stored
 * without a scale and the fault is logged (ids only).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { clinics, photos } from "../db/schema";
import { logger } from "../log";
import { DEFAULT_MARKER_SIDE_MM, measurePhoto, type PhotoMeasureResult } from "./measure-photo";

type Processed = { width: number; height: number; working: { data: Buffer; width: number; height: number; channels: number } };

/** Scale and automatic measurement for photo `photoId`, from the pipeline's processed output. */
export async function measureProcessedPhoto(db: Db, photoId: string, out: Processed): Promise<PhotoMeasureResult> {
  const none = { scale: null, measurement: null };
  try {
    const [row] = await db
      .select({ view: photos.view, markerSideMm: clinics.markerSideMm })
      .from(photos)
      .innerJoin(clinics, eq(clinics.id, photos.clinicId))
      .where(eq(photos.id, photoId));
    if (!row) return none;
    const { working } = out;
    if (working.channels !== 3 && working.channels !== 4) return none;
    return await measurePhoto(
      { data: working.data, width: working.width, height: working.height, channels: working.channels },
      { view: row.view, markerSideMm: row.markerSideMm ?? DEFAULT_MARKER_SIDE_MM, masterWidth: out.width, masterHeight: out.height },
    );
  } catch (err) {
    logger.warn({ photoId, err: err instanceof Error ? err.name : "unknown" }, "photo measurement failed; stored without a scale");
    return none;
  }
}
