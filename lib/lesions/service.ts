/**
 * A patient's lesions (SPEC §15): list them with their photos across referrals, create one, and
 * link a photo to one ("same lesion as before" or a new lesion). Tenancy is checked here, in the
 * data layer: a referrer reaches only their clinic's patients (anything else is 404 and audited);
 * the service (specialists, admins) sees a patient's lesions once the patient has a submitted case,
 * and only photos of submitted cases. Linking is the referrer's while the case's photos are
 * editable (draft, awaiting information) and the reviewing specialist's (claim holder) after
 * submission. Every read and write leaves an audit row, in the write's own transaction.
 */
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import type { Database, Db } from "../db/client";
import { cases, lesions, patients, photos } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { canEditDraft, canViewPatientRecord } from "../auth/policies";
import { audit, auditDenial } from "../audit/record";
import { isBodySiteCode } from "../codes/body-sites";
import { Conflict, Forbidden, NotFound } from "../errors";
import type { PhotoMeasurement } from "../measure/types";
import { loadPhotoFor } from "../photos/service";
import { assertHoldsClaim } from "../reviews/claim-guard";
import { hasSubmittedCase } from "../patients/submitted-case";
import { parseOrThrow } from "../validation";

const unit = z.number().finite().min(0, "Use a value from 0 to 1").max(1, "Use a value from 0 to 1");

export const lesionInputSchema = z.strictObject({
  label: z.string().trim().min(1, "Give the lesion a label").max(80, "Use at most 80 characters"),
  bodySite: z.string().refine(isBodySiteCode, "Choose a body site from the list"),
  bodyMapPoint: z.strictObject({ x: unit, y: unit }).nullish(),
});

/** `PUT /api/v1/photos/{id}/lesion`: an existing lesion of the same patient, a new one, or `null` to unlink. */
export const linkPhotoSchema = z.union([
  z.strictObject({ lesionId: z.string().uuid("Choose a lesion of this patient").nullable() }),
  z.strictObject({ newLesion: lesionInputSchema }),
]);

export type LesionPhotoDto = {
  id: string;
  caseId: string;
  view: string;
  status: string;
  createdAt: string;
  measurement: PhotoMeasurement | null;
};

export type LesionDto = {
  id: string;
  patientId: string;
  label: string;
  bodySite: string;
  bodyMapPoint: { x: number; y: number } | null;
  createdAt: string;
  photos: LesionPhotoDto[];
};

type LesionRow = typeof lesions.$inferSelect;

export const toDto = (l: LesionRow, ph: LesionPhotoDto[] = []): LesionDto => ({
  id: l.id,
  patientId: l.patientId,
  label: l.label,
  bodySite: l.bodySite,
  bodyMapPoint: l.bodyMapX !== null && l.bodyMapY !== null ? { x: l.bodyMapX, y: l.bodyMapY } : null,
  createdAt: l.createdAt.toISOString(),
  photos: ph,
});

const isUuid = (id: string) => z.string().uuid().safeParse(id).success;

/**
 * The patient if the actor may see their record; otherwise 404 with a denial audited under
 * `action`, naming `asked` (what the caller asked for; the patient by default).
 */
export async function loadPatientFor(db: Db, ctx: RequestContext, patientId: string, action: string, asked?: { resourceType: string; resourceId: string }) {
  const row = isUuid(patientId)
    ? (
        await db
          .select({
            id: patients.id,
            clinicId: patients.clinicId,
            hasSubmittedCase: hasSubmittedCase(db, patients.id),
          })
          .from(patients)
          .where(eq(patients.id, patientId))
      )[0]
    : undefined;
  if (!row || !canViewPatientRecord(ctx.actor, row)) {
    await auditDenial(ctx, { action, resourceType: "patient", resourceId: patientId, ...asked, patientId: row?.id ?? null });
    const what = asked?.resourceType ?? "patient";
    throw NotFound(`${what[0]!.toUpperCase()}${what.slice(1)} not found`);
  }
  return row;
}

/** The patient's lesions, oldest first, each with its photos in the order they were taken. */
export async function listLesions(db: Db, ctx: RequestContext, patientId: string): Promise<{ items: LesionDto[] }> {
  const patient = await loadPatientFor(db, ctx, patientId, "lesion.list");
  const rows = await db.select().from(lesions).where(eq(lesions.patientId, patient.id)).orderBy(asc(lesions.createdAt), asc(lesions.id));
  const ids = rows.map((l) => l.id);
  const photoRows = ids.length
    ? await db
        .select({ lesionId: photos.lesionId, id: photos.id, caseId: photos.caseId, view: photos.view, status: photos.status, createdAt: photos.createdAt, measurement: photos.measurement })
        .from(photos)
        .innerJoin(cases, eq(cases.id, photos.caseId))
        .where(
          and(
            inArray(photos.lesionId, ids),
            isNull(photos.deletedAt),
            eq(cases.patientId, patient.id),
            // The service never sees a clinic's unsubmitted drafts.
            ctx.actor.role === "referrer" ? undefined : ne(cases.status, "draft"),
          ),
        )
        .orderBy(asc(photos.createdAt), asc(photos.id))
    : [];
  const byLesion = new Map<string, LesionPhotoDto[]>();
  for (const p of photoRows) {
    const list = byLesion.get(p.lesionId!) ?? [];
    list.push({ id: p.id, caseId: p.caseId, view: p.view, status: p.status, createdAt: p.createdAt.toISOString(), measurement: p.measurement ?? null });
    byLesion.set(p.lesionId!, list);
  }
  await audit(db, ctx, { action: "lesion.list", resourceType: "patient", resourceId: patient.id, patientId: patient.id, details: { results: rows.length } });
  return { items: rows.map((l) => toDto(l, byLesion.get(l.id))) };
}

/** Record a lesion of a patient of the referrer's own clinic. */
export async function createLesion(db: Database, ctx: RequestContext, patientId: string, input: unknown): Promise<LesionDto> {
  if (ctx.actor.role !== "referrer") throw Forbidden();
  const patient = await loadPatientFor(db, ctx, patientId, "lesion.create");
  const data = parseOrThrow(lesionInputSchema, input);
  return db.transaction(async (tx) => {
    const row = await insertLesion(tx, ctx, patient, data);
    return toDto(row);
  });
}

async function insertLesion(tx: Db, ctx: RequestContext, patient: { id: string; clinicId: string }, data: z.output<typeof lesionInputSchema>): Promise<LesionRow> {
  const [row] = await tx
    .insert(lesions)
    .values({
      patientId: patient.id,
      clinicId: patient.clinicId,
      label: data.label,
      bodySite: data.bodySite,
      bodyMapX: data.bodyMapPoint?.x ?? null,
      bodyMapY: data.bodyMapPoint?.y ?? null,
      createdBy: ctx.actor.id,
    })
    .returning();
  await audit(tx, ctx, { action: "lesion.create", resourceType: "lesion", resourceId: row!.id, patientId: patient.id });
  return row!;
}

const LINKABLE_BY_REFERRER = ["draft", "awaiting_info"] as const;

/** Link photo `photoId` to a lesion of its patient (or a new one, or none). */
export async function linkPhotoToLesion(db: Database, ctx: RequestContext, photoId: string, input: unknown): Promise<{ photoId: string; lesion: LesionDto | null }> {
  const { photo, patientId } = await loadPhotoFor(db, ctx, photoId, "photo.lesion.link");
  const checkState = (c: { status: (typeof cases.$inferSelect)["status"]; claimedBy: string | null; clinicId: string }) => {
    if (ctx.actor.role === "specialist") return assertHoldsClaim(ctx, c, "re-link its photos");
    if (!canEditDraft(ctx.actor, c)) throw Forbidden();
    if (!(LINKABLE_BY_REFERRER as readonly string[]).includes(c.status)) throw Conflict("Photos of a submitted case are linked by the reviewing specialist");
  };
  const [kase] = await db.select({ status: cases.status, claimedBy: cases.claimedBy, clinicId: cases.clinicId }).from(cases).where(eq(cases.id, photo.caseId));
  checkState(kase!);
  const data = parseOrThrow(linkPhotoSchema, input);

  let target: LesionRow | null = null;
  if ("lesionId" in data && data.lesionId !== null) {
    target = (await db.select().from(lesions).where(eq(lesions.id, data.lesionId)))[0] ?? null;
    if (!target || target.patientId !== patientId) {
      await auditDenial(ctx, { action: "photo.lesion.link", resourceType: "lesion", resourceId: data.lesionId, patientId });
      throw NotFound("Lesion not found");
    }
  }
  return db.transaction(async (tx) => {
    // Re-check the case's state under a row lock so a submission in between cannot slip past.
    const [locked] = await tx.select({ status: cases.status, claimedBy: cases.claimedBy, clinicId: cases.clinicId }).from(cases).where(eq(cases.id, photo.caseId)).for("update");
    checkState(locked!);
    if ("newLesion" in data) {
      const [patient] = await tx.select({ id: patients.id, clinicId: patients.clinicId }).from(patients).where(eq(patients.id, patientId));
      target = await insertLesion(tx, ctx, patient!, data.newLesion);
    }
    await tx.update(photos).set({ lesionId: target?.id ?? null }).where(eq(photos.id, photo.id));
    await audit(tx, ctx, {
      action: "photo.lesion.link",
      resourceType: "photo",
      resourceId: photo.id,
      patientId,
      details: { lesionId: target?.id ?? null, previousLesionId: photo.lesionId ?? null },
    });
    return { photoId: photo.id, lesion: target ? toDto(target) : null };
  });
}
