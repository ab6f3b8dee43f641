/** Assembles the case detail of SPEC §8 — patient, photos, events, messages, consultation. */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { caseEvents, consultations, messages, patients, photos, users } from "../db/schema";
import { PATIENT_COLUMNS } from "../patients/service";
import { photoDto, type PhotoDto } from "../photos/dto";
import type { CaseRow } from "./access";

export type CaseDetail = {
  id: string;
  status: string;
  priority: string | null;
  triageScore: number | null;
  triageReasons: { code: string; label: string; weight: number; level: string }[];
  slaDueAt: string | null;
  slaState: string;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  clinicId: string;
  patient: { id: string; mrn: string; givenName: string; familyName: string; birthDate: string; sex: string; fitzpatrick: number | null };
  history: Record<string, unknown>;
  photos: PhotoDto[];
  events: { from: string | null; to: string; at: string; actorRole: string | null; note: string | null }[];
  messages: { id: string; kind: string; body: string; at: string; authorRole: string | null }[];
  consultation: {
    diagnosis: string;
    diagnosisCode: string | null;
    differential: string | null;
    plan: string;
    disposition: string;
    followUp: string | null;
    at: string;
    specialistName: string;
  } | null;
  claimedBy: string | null;
  claimedByName: string | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The patient as a case shows it: the patients service's columns less the clinic and creation time. */
const { clinicId: _clinicId, createdAt: _createdAt, ...CASE_PATIENT_COLUMNS } = PATIENT_COLUMNS;

/** Everything a permitted viewer sees of `row`. Authorization happened before this call. */
export async function caseDetail(db: Db, row: CaseRow): Promise<CaseDetail> {
  // One after another: `db` is often a transaction, and a transaction is one connection.
  const patient = await db.select(CASE_PATIENT_COLUMNS).from(patients).where(eq(patients.id, row.patientId));
  const photoRows = await db
    .select()
    .from(photos)
    .where(and(eq(photos.caseId, row.id), isNull(photos.deletedAt)))
    .orderBy(asc(photos.createdAt), asc(photos.id));
  const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.id));
  const msgs = await db.select().from(messages).where(eq(messages.caseId, row.id)).orderBy(asc(messages.createdAt), asc(messages.id));
  const consult = await db
    .select({ c: consultations, specialistName: users.name })
    .from(consultations)
    .innerJoin(users, eq(users.id, consultations.specialistId))
    .where(eq(consultations.caseId, row.id));
  const claimer = row.claimedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.claimedBy)) : [];
  const c = consult[0];
  return {
    id: row.id,
    status: row.status,
    priority: row.priority,
    triageScore: row.triageScore,
    triageReasons: row.triageReasons,
    slaDueAt: iso(row.slaDueAt),
    slaState: row.slaState,
    submittedAt: iso(row.submittedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    clinicId: row.clinicId,
    patient: patient[0]!,
    history: row.history,
    photos: photoRows.map(photoDto),
    events: events.map((e) => ({ from: e.fromStatus, to: e.toStatus, at: e.at.toISOString(), actorRole: e.actorRole, note: e.note })),
    messages: msgs.map((m) => ({ id: m.id, kind: m.kind, body: m.body, at: m.createdAt.toISOString(), authorRole: m.authorRole })),
    consultation: c
      ? {
          diagnosis: c.c.diagnosis,
          diagnosisCode: c.c.diagnosisCode,
          differential: c.c.differential,
          plan: c.c.plan,
          disposition: c.c.disposition,
          followUp: c.c.followUp,
          at: c.c.createdAt.toISOString(),
          specialistName: c.specialistName,
        }
      : null,
    claimedBy: row.claimedBy,
    claimedByName: claimer[0]?.name ?? null,
  };
}
