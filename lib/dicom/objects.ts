/**
 * The DICOM objects of a case, built one at a time from the stored (encrypted) master renditions:
 * a case of twelve 12 MP photos never holds more than one object in memory. Shared by the
 * download routes (export.ts) and the PACS sender (pacs-send.ts); no authorization here.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases, clinics, patients, photos } from "../db/schema";
import type { PhotoView } from "../db/schema/enums";
import { caseReference } from "../cases/reference";
import { NotFound } from "../errors";
import { photoObjectKey, photoStore } from "../photos/store";
import { buildDataset, SERIES_OF_VIEW, type DicomPhotoInput } from "./dataset";
import { asBaselineJpeg } from "./jpeg";
import { sopInstanceUid } from "./uids";
import { writePart10 } from "./write";

/** Everything but the pixels of a case's export. */
export interface CaseExportPlan {
  caseId: string;
  patientId: string;
  reference: string;
  studyAt: Date;
  inputs: DicomPhotoInput[];
}

/** One written object. */
export interface DicomObject {
  photoId: string;
  sopInstanceUid: string;
  /** Name inside a zip: series folder and instance number. */
  fileName: string;
  bytes: Buffer;
}

/**
 * The plan of case `caseId`: its ready photos in series order (overview, close-up, dermoscopy),
 * numbered within each series by upload order. @throws NotFound for an unknown case.
 */
export async function planCaseExport(db: Db, caseId: string): Promise<CaseExportPlan> {
  const [row] = await db
    .select({
      id: cases.id,
      patientId: cases.patientId,
      submittedAt: cases.submittedAt,
      createdAt: cases.createdAt,
      patient: { mrn: patients.mrn, givenName: patients.givenName, familyName: patients.familyName, birthDate: patients.birthDate, sex: patients.sex },
      clinic: { id: clinics.id, name: clinics.name },
    })
    .from(cases)
    .innerJoin(patients, eq(patients.id, cases.patientId))
    .innerJoin(clinics, eq(clinics.id, cases.clinicId))
    .where(eq(cases.id, caseId));
  if (!row) throw NotFound("Case not found");
  const ready = await db
    .select({ id: photos.id, view: photos.view, bodySite: photos.bodySite, createdAt: photos.createdAt })
    .from(photos)
    .where(and(eq(photos.caseId, caseId), eq(photos.status, "ready"), isNull(photos.deletedAt)))
    .orderBy(asc(photos.createdAt), asc(photos.id));
  const reference = caseReference(row.id);
  const caseFacts = { id: row.id, reference, studyAt: row.submittedAt ?? row.createdAt };
  const next: Partial<Record<PhotoView, number>> = {};
  const inputs = ready
    .map((p) => ({ case: caseFacts, patient: row.patient, clinic: row.clinic, photo: { ...p, instanceNumber: (next[p.view] = (next[p.view] ?? 0) + 1) } }))
    .sort((a, b) => SERIES_OF_VIEW[a.photo.view].number - SERIES_OF_VIEW[b.photo.view].number || a.photo.instanceNumber - b.photo.instanceNumber);
  return { caseId: row.id, patientId: row.patientId, reference, studyAt: caseFacts.studyAt, inputs };
}

/** Write one photo's object from its stored master. */
export async function writeDicomObject(input: DicomPhotoInput): Promise<DicomObject> {
  const master = await photoStore().getObject(photoObjectKey(input.photo.id, "master"));
  const jpeg = await asBaselineJpeg(master);
  const bytes = writePart10(buildDataset(input, jpeg), jpeg.bytes);
  const series = SERIES_OF_VIEW[input.photo.view];
  const fileName = `${String(series.number).padStart(2, "0")}-${input.photo.view}/${String(input.photo.instanceNumber).padStart(3, "0")}.dcm`;
  return { photoId: input.photo.id, sopInstanceUid: sopInstanceUid(input.photo.id), fileName, bytes };
}

/** The plan's objects, written lazily one after another. */
export async function* caseDicomObjects(plan: CaseExportPlan): AsyncGenerator<DicomObject> {
  for (const input of plan.inputs) yield await writeDicomObject(input);
}
