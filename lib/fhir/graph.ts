/**
 * Loads everything a case is in FHIR — the case row, its patient, clinic, photos, messages,
 * consultation, external identifiers and the patient's lesions — for many cases in a fixed number of queries, so a
 * search page or `$everything` costs the same handful of round trips however many cases it shows.
 * No authorization here: callers pass only case ids their policy already allowed.
 */
import { and, asc, eq, getTableColumns, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases, clinics, consultations, fhirCaseIdentifiers, lesions, messages, patients, photos, users } from "../db/schema";

export type CaseRowF = typeof cases.$inferSelect;
/** A patient row with its clinic's MRN system (clinics.mrn_system, null when the clinic set none). */
export type PatientRowF = typeof patients.$inferSelect & { clinicMrnSystem: string | null };
/** The select list of a PatientRowF: the patient's columns and its clinic's MRN system (qualified by hand: it runs in one-table selects too). */
export const patientColumnsF = { ...getTableColumns(patients), clinicMrnSystem: sql<string | null>`(select mc.mrn_system from clinics mc where mc.id = "patients"."clinic_id")` };
export type ClinicRowF = { id: string; name: string; active: boolean };
export type PhotoRowF = typeof photos.$inferSelect;
export type MessageRowF = typeof messages.$inferSelect;
export type ConsultationRowF = typeof consultations.$inferSelect;
export type LesionRowF = typeof lesions.$inferSelect;
export type UserRowF = { id: string; name: string; role: "referrer" | "specialist" | "admin"; clinicId: string | null; active: boolean; updatedAt: Date };

export type CaseGraph = {
  case: CaseRowF;
  patient: PatientRowF;
  clinic: ClinicRowF;
  photos: PhotoRowF[];
  messages: MessageRowF[];
  consultation: ConsultationRowF | null;
  identifiers: { system: string; value: string }[];
  /**
   * The patient's lesions (SPEC §15), which its Media reference. Whoever may see a case may see
   * its patient's record (canViewCase implies canViewPatientRecord), so the lesions with it.
   */
  lesions: LesionRowF[];
};

/** Which related rows to load; a search that emits only Tasks needs none of them. */
export type GraphParts = { photos: boolean; messages: boolean; consultation: boolean; identifiers: boolean; lesions?: boolean };
export const ALL_PARTS: GraphParts = { photos: true, messages: true, consultation: true, identifiers: true, lesions: true };

const none = <T>(): Promise<T[]> => Promise.resolve([]);

/**
 * The graphs of `caseIds`, in the order given (unknown ids are skipped). Parts not asked for come
 * back empty: only callers that emit no resource needing them may leave them out.
 */
export async function loadCaseGraphs(db: Db, caseIds: string[], parts: GraphParts = ALL_PARTS): Promise<CaseGraph[]> {
  if (caseIds.length === 0) return [];
  const [caseRows, photoRows, messageRows, consultRows, idRows, lesionRows] = await Promise.all([
    db
      .select({ c: cases, p: patientColumnsF, k: { id: clinics.id, name: clinics.name, active: clinics.active } })
      .from(cases)
      .innerJoin(patients, eq(patients.id, cases.patientId))
      .innerJoin(clinics, eq(clinics.id, cases.clinicId))
      .where(inArray(cases.id, caseIds)),
    parts.photos
      ? db
          .select()
          .from(photos)
          .where(and(inArray(photos.caseId, caseIds), isNull(photos.deletedAt)))
          .orderBy(asc(photos.createdAt), asc(photos.id))
      : none<PhotoRowF>(),
    parts.messages ? db.select().from(messages).where(inArray(messages.caseId, caseIds)).orderBy(asc(messages.createdAt), asc(messages.id)) : none<MessageRowF>(),
    parts.consultation ? db.select().from(consultations).where(inArray(consultations.caseId, caseIds)) : none<ConsultationRowF>(),
    parts.identifiers ? db.select().from(fhirCaseIdentifiers).where(inArray(fhirCaseIdentifiers.caseId, caseIds)) : none<typeof fhirCaseIdentifiers.$inferSelect>(),
    parts.lesions
      ? db
          .select({ l: lesions })
          .from(lesions)
          .where(inArray(lesions.patientId, db.select({ id: cases.patientId }).from(cases).where(inArray(cases.id, caseIds))))
          .orderBy(asc(lesions.createdAt), asc(lesions.id))
      : none<{ l: LesionRowF }>(),
  ]);
  const byCase = new Map(caseRows.map((r) => [r.c.id, r]));
  return caseIds.flatMap((id) => {
    const r = byCase.get(id);
    if (!r) return [];
    return [
      {
        case: r.c,
        patient: r.p,
        clinic: r.k,
        photos: photoRows.filter((p) => p.caseId === id),
        messages: messageRows.filter((m) => m.caseId === id),
        consultation: consultRows.find((k) => k.caseId === id) ?? null,
        identifiers: idRows.filter((i) => i.caseId === id).map((i) => ({ system: i.system, value: i.value })),
        lesions: lesionRows.filter((x) => x.l.patientId === r.p.id).map((x) => x.l),
      },
    ];
  });
}

/** Users by id (practitioners referenced by the graphs). */
export async function loadUsers(db: Db, ids: string[]): Promise<UserRowF[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, role: users.role, clinicId: users.clinicId, active: users.active, updatedAt: users.updatedAt })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
}

/** Every practitioner a graph references: creator, claim holder, message authors, the replier. */
export function referencedUserIds(g: CaseGraph): string[] {
  const ids = [g.case.createdBy, g.case.claimedBy, g.consultation?.specialistId, ...g.messages.map((m) => m.authorId)];
  return [...new Set(ids.filter((x): x is string => typeof x === "string"))];
}
