/**
 * One lesion over time (SPEC §15), for the review screen's Compare: every processed photo of the
 * lesion across the patient's referrals, oldest first, each with its referral (case, submission
 * date) and its size (lib/lesions/figures.ts: saved manual measurements over the automatic ones,
 * "no scale" said as such). Same visibility as the lesion list — the patient's record rule, and
 * the service never sees a clinic's drafts — and saved measurements only where the viewer may see
 * them (canSeeSavedMeasurements). Every read is audited against the patient.
 */
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { cases, lesions, photoMeasurements, photos } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { canSeeSavedMeasurements } from "../auth/policies";
import { audit, auditDenial } from "../audit/record";
import { NotFound } from "../errors";
import { photoDto, type PhotoDto } from "../photos/dto";
import { lesionFigures, type LesionFigures, type SavedFigure } from "./figures";
import { loadPatientFor, toDto, type LesionDto } from "./service";

export type LesionTimelineEntry = {
  photo: PhotoDto;
  referral: { caseId: string; status: string; submittedAt: string | null };
  figures: LesionFigures;
};

export type LesionTimelineDto = { lesion: Omit<LesionDto, "photos">; entries: LesionTimelineEntry[] };

/** The lesion `lesionId` with its processed photos across referrals, oldest first. */
export async function lesionTimeline(db: Db, ctx: RequestContext, lesionId: string): Promise<LesionTimelineDto> {
  const lesion = z.string().uuid().safeParse(lesionId).success ? (await db.select().from(lesions).where(eq(lesions.id, lesionId)))[0] : undefined;
  if (!lesion) {
    await auditDenial(ctx, { action: "lesion.timeline.read", resourceType: "lesion", resourceId: lesionId, patientId: null });
    throw NotFound("Lesion not found");
  }
  // Another clinic's lesion is a 404 (audited) exactly like another clinic's patient.
  const patient = await loadPatientFor(db, ctx, lesion.patientId, "lesion.timeline.read", { resourceType: "lesion", resourceId: lesion.id });
  const rows = await db
    .select({ photo: photos, caseStatus: cases.status, submittedAt: cases.submittedAt })
    .from(photos)
    .innerJoin(cases, eq(cases.id, photos.caseId))
    .where(
      and(
        eq(photos.lesionId, lesion.id),
        eq(photos.status, "ready"),
        isNull(photos.deletedAt),
        eq(cases.patientId, patient.id),
        ctx.actor.role === "referrer" ? undefined : ne(cases.status, "draft"),
      ),
    )
    .orderBy(asc(photos.createdAt), asc(photos.id));
  const visible = rows.filter((r) => canSeeSavedMeasurements(ctx.actor, r.caseStatus)).map((r) => r.photo.id);
  const saved = visible.length
    ? await db
        .select({ photoId: photoMeasurements.photoId, kind: photoMeasurements.kind, lengthMm: photoMeasurements.lengthMm, areaMm2: photoMeasurements.areaMm2 })
        .from(photoMeasurements)
        .where(inArray(photoMeasurements.photoId, visible))
        .orderBy(asc(photoMeasurements.createdAt), asc(photoMeasurements.id))
    : [];
  const savedOf = (photoId: string): SavedFigure[] => saved.filter((s) => s.photoId === photoId);
  await audit(db, ctx, {
    action: "lesion.timeline.read",
    resourceType: "lesion",
    resourceId: lesion.id,
    patientId: patient.id,
    details: { photos: rows.length, caseIds: [...new Set(rows.map((r) => r.photo.caseId))] },
  });
  const { photos: _none, ...head } = toDto(lesion);
  return {
    lesion: head,
    entries: rows.map((r) => ({
      photo: photoDto(r.photo),
      referral: { caseId: r.photo.caseId, status: r.caseStatus, submittedAt: r.submittedAt?.toISOString() ?? null },
      figures: lesionFigures(r.photo.scale !== null, r.photo.measurement ?? null, savedOf(r.photo.id)),
    })),
  };
}
