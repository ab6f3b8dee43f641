/** DermRelay patient ⇄ FHIR Patient (MRN as an `MR` identifier in the clinic's system). */
import type { Extension, HumanName, Identifier, Patient } from "fhir/r4";
import type { Sex } from "../../db/schema/enums";
import type { PatientRowF } from "../graph";
import { clinicMrnSystem, mrnSystem, V2_0203 } from "../codes";
import { concept, metaOf, ref } from "./refs";

export const FITZPATRICK_EXTENSION = "urn:dermrelay:fhir:StructureDefinition:fitzpatrick-skin-type";

export function toPatient(p: PatientRowF): Patient {
  return {
    resourceType: "Patient",
    id: p.id,
    meta: metaOf(p.createdAt),
    ...(p.fitzpatrick ? { extension: [{ url: FITZPATRICK_EXTENSION, valueInteger: p.fitzpatrick }] } : {}),
    identifier: [{ use: "usual", type: concept(V2_0203, "MR", "Medical record number"), system: clinicMrnSystem(p.clinicId, p.clinicMrnSystem), value: p.mrn }],
    active: true,
    name: [{ use: "official", family: p.familyName, given: [p.givenName] }],
    gender: p.sex,
    birthDate: p.birthDate,
    managingOrganization: ref("Organization", p.clinicId),
  };
}

/** What DermRelay keeps of an incoming Patient. */
export type PatientInFhir = { mrn: string | null; givenName: string | null; familyName: string | null; birthDate: string | null; sex: Sex; fitzpatrick: number | null };

/** The MRN systems a clinic answers to: the one its admin set (if any) and DermRelay's URN for it. */
const ownSystems = (clinicId: string, configured: string | null) => [mrnSystem(clinicId), ...(configured ? [configured] : [])];

/** The MRN: an identifier in one of the clinic's own systems, else one typed MR (v2-0203), else the first. */
export function pickMrn(identifiers: Identifier[] | undefined, clinicId: string, configured: string | null): Identifier | null {
  const withValue = (identifiers ?? []).filter((i) => typeof i.value === "string" && i.value.trim() !== "");
  const own = ownSystems(clinicId, configured);
  return (
    withValue.find((i) => i.system !== undefined && own.includes(i.system)) ??
    withValue.find((i) => i.type?.coding?.some((c) => c.code === "MR" && (!c.system || c.system === V2_0203))) ??
    withValue[0] ??
    null
  );
}

/**
 * Why the picked MRN cannot be this clinic's, or null. A clinic with its own MRN system refuses an
 * MRN in another system (that is some other assigner's number, matching it would merge strangers);
 * one without a system set takes the value whatever its system (and stores only the value).
 */
export function mrnSystemProblem(mrn: Identifier | null, clinicId: string, configured: string | null): string | null {
  if (!mrn?.system || !configured || ownSystems(clinicId, configured).includes(mrn.system)) return null;
  return `The MRN's system ${mrn.system} is not this clinic's MRN system (${configured}); send the MRN in that system`;
}

/** The official (else usual, else first) name that has a family and a given part. */
function pickName(names: HumanName[] | undefined): HumanName | null {
  const usable = (names ?? []).filter((n) => n.family && n.given?.length && n.use !== "old");
  return usable.find((n) => n.use === "official") ?? usable.find((n) => n.use === "usual") ?? usable[0] ?? null;
}

export function fromPatient(p: Patient, mrn: Identifier | null): PatientInFhir {
  const name = pickName(p.name);
  const fitz = (p.extension ?? []).find((e: Extension) => e.url === FITZPATRICK_EXTENSION)?.valueInteger;
  return {
    mrn: mrn?.value?.trim() ?? null,
    givenName: name?.given?.join(" ") ?? null,
    familyName: name?.family ?? null,
    birthDate: p.birthDate ?? null,
    sex: p.gender ?? "unknown",
    fitzpatrick: typeof fitz === "number" ? fitz : null,
  };
}
