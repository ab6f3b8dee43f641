/**
 * Who may do what, next to the data. Pure functions over the actor and the resource's tenancy and
 * state; every service calls them and turns a refusal into 404 (other tenant: never reveal that
 * something exists) or 403 (wrong role). Unit-tested as a role × action matrix.
 */
import type { CaseStatus, Role } from "../db/schema/enums";
import type { Actor } from "./actor";

export type CaseRef = { clinicId: string; status: CaseStatus; claimedBy?: string | null };
export type PatientRef = { clinicId: string };

const is = (actor: Actor, ...roles: Role[]) => roles.includes(actor.role);

/** Referrers see their own clinic's cases, drafts included; the service sees everything submitted. */
export function canViewCase(actor: Actor, c: CaseRef): boolean {
  if (is(actor, "referrer")) return actor.clinicId !== null && actor.clinicId === c.clinicId;
  if (is(actor, "specialist", "admin")) return c.status !== "draft";
  return false;
}

/** Drafts are edited, submitted and deleted only by their clinic. */
export function canEditDraft(actor: Actor, c: CaseRef): boolean {
  return is(actor, "referrer") && actor.clinicId === c.clinicId;
}

/** Referrer-side transitions (submit, withdraw, answer info, acknowledge) belong to the clinic. */
export function canActAsReferrer(actor: Actor, c: CaseRef): boolean {
  return is(actor, "referrer") && actor.clinicId === c.clinicId;
}

/** Claiming, replying and asking for information are the specialists' work. */
export function canReview(actor: Actor): boolean {
  return is(actor, "specialist");
}

/** Only the specialist holding the claim may reply or request information. */
export function holdsClaim(actor: Actor, c: CaseRef): boolean {
  return is(actor, "specialist") && c.claimedBy === actor.id;
}

/** Patients are managed by referrers of their own clinic. */
export function canViewPatient(actor: Actor, p: PatientRef): boolean {
  return is(actor, "referrer") && actor.clinicId === p.clinicId;
}

export function canCreatePatient(actor: Actor): boolean {
  return is(actor, "referrer") && actor.clinicId !== null;
}

/** Metrics, users, clinics, settings and the audit log are for administrators. */
export function canAdminister(actor: Actor): boolean {
  return is(actor, "admin");
}

/** Which case lists an actor may ask for: referrers their clinic's, others every non-draft case. */
export function caseListScope(actor: Actor): { clinicId: string } | { excludeDrafts: true } | null {
  if (is(actor, "referrer")) return actor.clinicId ? { clinicId: actor.clinicId } : null;
  if (is(actor, "specialist", "admin")) return { excludeDrafts: true };
  return null;
}

/**
 * A patient's record as FHIR and case views name it: their clinic's referrers, or the service
 * (specialists, admins) once the patient has a case that was submitted.
 */
export function canViewPatientRecord(actor: Actor, p: PatientRef & { hasSubmittedCase: boolean }): boolean {
  if (is(actor, "referrer")) return actor.clinicId !== null && actor.clinicId === p.clinicId;
  if (is(actor, "specialist", "admin")) return p.hasSubmittedCase;
  return false;
}

/** Clinics as FHIR Organizations: a referrer sees their own; the service sees every clinic. */
export function canViewClinic(actor: Actor, clinicId: string): boolean {
  if (is(actor, "referrer")) return actor.clinicId === clinicId;
  return is(actor, "specialist", "admin");
}

/** Clinicians as FHIR Practitioners: a referrer sees their clinic's and the specialists; the service sees all. */
export function canViewClinician(actor: Actor, u: { role: Role; clinicId: string | null }): boolean {
  if (u.role === "admin") return false;
  if (is(actor, "referrer")) return u.role === "specialist" || (actor.clinicId !== null && u.clinicId === actor.clinicId);
  return is(actor, "specialist", "admin");
}

/**
 * Saved manual measurements are part of the reply (SPEC §15): the referrer sees a case's once it
 * is answered; the service (specialists, admins) always. The case itself is checked before this.
 */
export function canSeeSavedMeasurements(actor: Actor, caseStatus: CaseStatus): boolean {
  if (is(actor, "referrer")) return caseStatus === "answered" || caseStatus === "closed";
  return is(actor, "specialist", "admin");
}
