/**
 * Manual measurements on a photo (SPEC §15): the specialist reviewing a case draws a ruler (two
 * points → mm) or an outline (points → mm², and its longest chord in mm) on a photo. The client
 * sends master-pixel points only; millimetres are computed here through the photo's marker
 * homography, so a number is never invented by a browser and a photo without a scale refuses
 * (422) instead of guessing. Saved rows are audited; referrers see them once the reply is out.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Db } from "../db/client";
import { cases, photoMeasurements, users } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { canSeeSavedMeasurements } from "../auth/policies";
import { Invalid } from "../errors";
import { loadPhotoFor } from "../photos/service";
import { assertHoldsClaim } from "../reviews/claim-guard";
import { parseOrThrow } from "../validation";
import { planeArea, planeDistance, type Homography, type Point } from "./homography";

const point = z.tuple([z.number().finite(), z.number().finite()]);
export const manualMeasurementInput = z
  .strictObject({
    kind: z.enum(["ruler", "outline"]),
    points: z.array(point).min(2, "Draw at least two points").max(200, "Use at most 200 points"),
    label: z.string().trim().max(80, "Use at most 80 characters").optional(),
  })
  .superRefine((v, c) => {
    if (v.kind === "ruler" && v.points.length !== 2) c.addIssue({ code: "custom", path: ["points"], message: "A ruler has exactly two points" });
    if (v.kind === "outline" && v.points.length < 3) c.addIssue({ code: "custom", path: ["points"], message: "An outline needs at least three points" });
  });

export type ManualMeasurementDto = {
  id: string;
  photoId: string;
  kind: "ruler" | "outline";
  points: [number, number][];
  lengthMm: number | null;
  areaMm2: number | null;
  label: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
};

/** Shown when a photo has no scale: the tools say so rather than inventing millimetres. */
export const NO_SCALE_MESSAGE = "This photo has no scale (no calibration sticker was found), so it cannot be measured in millimetres";

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Save a ruler or outline on photo `photoId` (specialist holding the case's claim). */
export async function saveManualMeasurement(db: Database, ctx: RequestContext, photoId: string, input: unknown): Promise<ManualMeasurementDto> {
  const { photo, patientId } = await loadPhotoFor(db, ctx, photoId, "photo.measure");
  const [kase] = await db.select({ status: cases.status, claimedBy: cases.claimedBy, clinicId: cases.clinicId }).from(cases).where(eq(cases.id, photo.caseId));
  assertHoldsClaim(ctx, kase!, "measure its photos");
  const data = parseOrThrow(manualMeasurementInput, input);
  if (!photo.scale) throw Invalid(NO_SCALE_MESSAGE, { points: [NO_SCALE_MESSAGE] });
  const w = photo.width ?? 0, h = photo.height ?? 0;
  if (data.points.some(([x, y]) => x < 0 || y < 0 || x > w || y > h)) throw Invalid("Validation failed", { points: ["Every point must lie on the photo"] });
  const hom = photo.scale.homography as Homography;
  const pts = data.points as Point[];
  let lengthMm: number, areaMm2: number | null = null;
  if (data.kind === "ruler") lengthMm = planeDistance(hom, pts[0]!, pts[1]!);
  else {
    areaMm2 = round2(planeArea(hom, pts));
    lengthMm = 0;
    for (let i = 0; i < pts.length; i++) for (let j = i + 1; j < pts.length; j++) lengthMm = Math.max(lengthMm, planeDistance(hom, pts[i]!, pts[j]!));
  }
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(photoMeasurements)
      .values({ photoId, caseId: photo.caseId, clinicId: photo.clinicId, kind: data.kind, points: data.points, lengthMm: round2(lengthMm), areaMm2, label: data.label ?? null, createdBy: ctx.actor.id })
      .returning({ id: photoMeasurements.id });
    await audit(tx, ctx, { action: "photo.measure", resourceType: "photo", resourceId: photoId, patientId, details: { measurementId: row!.id, kind: data.kind } });
    return row!.id;
  });
  return (await select(db, photoId, id))[0]!;
}

/** Saved measurements of photo `photoId`; a referrer sees them once the case is answered. */
export async function listManualMeasurements(db: Db, ctx: RequestContext, photoId: string): Promise<{ items: ManualMeasurementDto[] }> {
  const { photo, status, patientId } = await loadPhotoFor(db, ctx, photoId, "photo.measurements.read");
  await audit(db, ctx, { action: "photo.measurements.read", resourceType: "photo", resourceId: photo.id, patientId });
  if (!canSeeSavedMeasurements(ctx.actor, status)) return { items: [] };
  return { items: await select(db, photoId) };
}

async function select(db: Db, photoId: string, id?: string): Promise<ManualMeasurementDto[]> {
  const rows = await db
    .select({ m: photoMeasurements, by: { id: users.id, name: users.name } })
    .from(photoMeasurements)
    .innerJoin(users, eq(users.id, photoMeasurements.createdBy))
    .where(id ? and(eq(photoMeasurements.photoId, photoId), eq(photoMeasurements.id, id)) : eq(photoMeasurements.photoId, photoId))
    .orderBy(asc(photoMeasurements.createdAt), asc(photoMeasurements.id));
  return rows.map(({ m, by }) => ({
    id: m.id,
    photoId: m.photoId,
    kind: m.kind,
    points: m.points,
    lengthMm: m.lengthMm,
    areaMm2: m.areaMm2,
    label: m.label,
    createdBy: by,
    createdAt: m.createdAt.toISOString(),
  }));
}
