/**
 * Patients of a referring clinic: create, search and read. Every call is scoped to the actor's
 * clinic in the query itself, and every read and write of a patient leaves an audit row.
 */
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { patients } from "../db/schema";
import { isUniqueViolation } from "../db/errors";
import type { RequestContext } from "../auth/actor";
import { canCreatePatient, canViewPatient } from "../auth/policies";
import { audit, auditDenial } from "../audit/record";
import { Conflict, Forbidden, NotFound } from "../errors";
import { patientInputSchema } from "../cases/patient-schema";
import { parseOrThrow } from "../validation";

export type PatientDto = {
  id: string;
  clinicId: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  fitzpatrick: number | null;
  createdAt: string;
};

export const PATIENT_COLUMNS = {
  id: patients.id,
  clinicId: patients.clinicId,
  mrn: patients.mrn,
  givenName: patients.givenName,
  familyName: patients.familyName,
  birthDate: patients.birthDate,
  sex: patients.sex,
  fitzpatrick: patients.fitzpatrick,
  createdAt: patients.createdAt,
};

const toDto = (row: { createdAt: Date } & Omit<PatientDto, "createdAt">): PatientDto => ({ ...row, createdAt: row.createdAt.toISOString() });

/** Register a patient in the actor's clinic; 409 when the MRN is already used there. */
export async function createPatient(db: Db, ctx: RequestContext, input: unknown): Promise<PatientDto> {
  if (!canCreatePatient(ctx.actor)) throw Forbidden();
  const data = parseOrThrow(patientInputSchema, input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(patients)
        .values({ ...data, fitzpatrick: data.fitzpatrick ?? null, clinicId: ctx.actor.clinicId!, createdBy: ctx.actor.id })
        .returning(PATIENT_COLUMNS);
      await audit(tx, ctx, { action: "patient.create", resourceType: "patient", resourceId: row!.id, patientId: row!.id });
      return toDto(row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw Conflict("A patient with this MRN already exists in your clinic");
    throw err;
  }
}

export const patientSearchSchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** Search the actor's clinic by MRN prefix or name fragment. */
export async function searchPatients(db: Db, ctx: RequestContext, query: z.output<typeof patientSearchSchema>): Promise<PatientDto[]> {
  if (!canCreatePatient(ctx.actor)) throw Forbidden();
  const q = query.q?.replace(/[%_\\]/g, (c) => `\\${c}`);
  const match = q
    ? or(
        ilike(patients.mrn, `${q}%`),
        ilike(patients.familyName, `%${q}%`),
        ilike(patients.givenName, `%${q}%`),
        ilike(sql`${patients.givenName} || ' ' || ${patients.familyName}`, `%${q}%`),
      )
    : undefined;
  const rows = await db
    .select(PATIENT_COLUMNS)
    .from(patients)
    .where(and(eq(patients.clinicId, ctx.actor.clinicId!), match))
    .orderBy(asc(patients.familyName), asc(patients.givenName), asc(patients.id))
    .limit(query.limit);
  await audit(db, ctx, { action: "patient.search", resourceType: "patient", details: { results: rows.length } });
  return rows.map(toDto);
}

/** One patient of the actor's clinic; 404 (audited) for anything else. */
export async function getPatient(db: Db, ctx: RequestContext, id: string): Promise<PatientDto> {
  const row = z.string().uuid().safeParse(id).success
    ? (await db.select(PATIENT_COLUMNS).from(patients).where(eq(patients.id, id)))[0]
    : undefined;
  if (!row || !canViewPatient(ctx.actor, row)) {
    await auditDenial(ctx, { action: "patient.read", resourceType: "patient", resourceId: id });
    throw NotFound("Patient not found");
  }
  await audit(db, ctx, { action: "patient.read", resourceType: "patient", resourceId: row.id, patientId: row.id });
  return toDto(row);
}
