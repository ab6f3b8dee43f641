/**
 * DICOM downloads (SPEC §14), authorized and audited like image views (lib/photos/service.ts
 * `readPhotoImage`): the case's policy decides, another clinic's photo or case is an audited 404,
 * and every export leaves a success row naming the photos it carried before any byte leaves.
 */
import type { Db } from "../db/client";
import type { RequestContext } from "../auth/actor";
import { canViewCase } from "../auth/policies";
import { audit } from "../audit/record";
import { loadCaseFor } from "../cases/access";
import { Conflict, NotFound } from "../errors";
import { loadPhotoFor } from "../photos/service";
import { caseDicomObjects, planCaseExport, writeDicomObject, type DicomObject } from "./objects";

/** One photo as a DICOM Part 10 object. */
export async function exportPhotoDicom(db: Db, ctx: RequestContext, photoId: string): Promise<DicomObject> {
  const { photo, patientId } = await loadPhotoFor(db, ctx, photoId, "photo.dicom");
  if (photo.status === "processing") throw Conflict("The photo is still being processed");
  if (photo.status === "rejected") throw NotFound("The photo was rejected and has no image");
  const plan = await planCaseExport(db, photo.caseId);
  const input = plan.inputs.find((i) => i.photo.id === photo.id);
  if (!input) throw NotFound("Photo not found");
  const object = await writeDicomObject(input);
  await audit(db, ctx, { action: "photo.dicom", resourceType: "photo", resourceId: photo.id, patientId, details: { caseId: photo.caseId } });
  return object;
}

/** A case's export: its reference and its objects, written lazily as the caller reads them. */
export interface CaseDicomExport {
  reference: string;
  /** The study instant: zip entries carry it, so the same study gives the same archive. */
  studyAt: Date;
  count: number;
  objects: AsyncGenerator<DicomObject>;
}

/** Every ready photo of a case as DICOM objects (one study). 409 when it has none yet. */
export async function exportCaseDicom(db: Db, ctx: RequestContext, caseId: string): Promise<CaseDicomExport> {
  const row = await loadCaseFor(db, ctx, caseId, canViewCase, "case.dicom");
  const plan = await planCaseExport(db, row.id);
  if (plan.inputs.length === 0) throw Conflict("The case has no processed photos to export");
  await audit(db, ctx, {
    action: "case.dicom",
    resourceType: "case",
    resourceId: row.id,
    patientId: row.patientId,
    details: { photoIds: plan.inputs.map((i) => i.photo.id) },
  });
  return { reference: plan.reference, studyAt: plan.studyAt, count: plan.inputs.length, objects: caseDicomObjects(plan) };
}
