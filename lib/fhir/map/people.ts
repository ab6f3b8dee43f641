/**
 * Clinics and users as FHIR Organization, Practitioner and PractitionerRole. Users carry a
 * version (`updated_at`, bumped by every change of a mapped field); clinics keep no change time,
 * so Organization is declared `no-version` in the CapabilityStatement and has no ETag.
 */
import type { Organization, Practitioner, PractitionerRole } from "fhir/r4";
import type { ClinicRowF, UserRowF } from "../graph";
import { SNOMED } from "../codes";
import { concept, metaOf, ref } from "./refs";

export function toOrganization(c: ClinicRowF): Organization {
  return {
    resourceType: "Organization",
    id: c.id,
    active: c.active,
    type: [concept("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider")],
    name: c.name,
  };
}

export function toPractitioner(u: UserRowF): Practitioner {
  return { resourceType: "Practitioner", id: u.id, meta: metaOf(u.updatedAt), active: u.active, name: [{ text: u.name }] };
}

/** Referrers are the clinic's doctors; specialists are the service's dermatologists. */
export function toPractitionerRole(u: UserRowF): PractitionerRole {
  const specialist = u.role === "specialist";
  return {
    resourceType: "PractitionerRole",
    id: u.id,
    meta: metaOf(u.updatedAt),
    active: u.active,
    practitioner: ref("Practitioner", u.id, u.name),
    ...(u.clinicId ? { organization: ref("Organization", u.clinicId) } : {}),
    code: [specialist ? concept(SNOMED, "18803008", "Dermatologist") : concept(SNOMED, "62247001", "Family medicine specialist")],
    ...(specialist ? { specialty: [concept(SNOMED, "394582007", "Dermatology")] } : {}),
  };
}
