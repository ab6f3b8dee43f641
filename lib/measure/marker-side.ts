/**
 * The calibration-sticker side a clinic prints and the worker assumes (SPEC §15): one number per
 * clinic (default 20.0 mm), read for the calibration sheet and the wizard's guidance.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { clinics } from "../db/schema";
import type { Actor } from "../auth/actor";
import { DEFAULT_MARKER_SIDE_MM } from "./measure-photo";

/** The sticker side of `actor`'s clinic, or the default for users without one. */
export async function markerSideFor(db: Db, actor: Pick<Actor, "clinicId">): Promise<number> {
  if (!actor.clinicId) return DEFAULT_MARKER_SIDE_MM;
  const [row] = await db.select({ side: clinics.markerSideMm }).from(clinics).where(eq(clinics.id, actor.clinicId));
  return row?.side ?? DEFAULT_MARKER_SIDE_MM;
}
