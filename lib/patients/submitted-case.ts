/**
 * "Has this patient a submitted case?" as a SQL expression, for the rule that lets the service
 * (specialists, admins) see a patient's record only once the clinic has sent a referral
 * (canViewPatientRecord). One expression so the Patient, lesion and BodyStructure reads agree.
 */
import { and, eq, exists, ne, type AnyColumn } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases } from "../db/schema";

export const hasSubmittedCase = (db: Db, patientId: AnyColumn) =>
  exists(db.select({ one: cases.id }).from(cases).where(and(eq(cases.patientId, patientId), ne(cases.status, "draft")))).mapWith(Boolean);
