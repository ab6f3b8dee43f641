/** DermRelay patient ⇄ FHIR Patient (MRN as an `MR` identifier in the clinic's system). */
import type { Extension, HumanName, Identifier, Patient } from "fhir/r4";
import type { Sex } from "../../db/schema/enums";
import type { PatientRowF } from "../graph";
import { mrnSystem, V2_0203 } from "../codes";
import { concept, metaOf, ref } from "./refs";

export const FITZPATRICK_EXTENSION = "urn:dermrelay:fhir:StructureDefinition:fitzpatrick-skin-type";

export function toPatient(p: PatientRowF): Patient {
  return {
    resourceType: "Patient",
    id: p.id,
    meta: metaOf(p.createdAt),
    ...(p.fitzpatrick ? { extension: [{ url: FITZPATRICK_EXTENSION, valueInteger: p.fitzpatrick }] } : {}),
    identifier: [{ use: "usual", type: concept(V2_0203, "MR", "Medical record number"), system: mrnSystem(p.clinicId), value: p.mrn }],
    active: true,
    name: [{ use: "official", family: p.familyName, given: [p.givenName] }],
    gender: p.sex,
    birthDate: p.birthDate,
    managingOrganization: ref("Organization", p.clinicId),
  };
}

/** What DermRelay keeps of an incoming Patient; `errors` name the elements it could not use. */
export type PatientInFhir = { mrn: string | null; givenName: string | null; familyName: string | null; birthDate: string | null; sex: Sex; fitzpatrick: number | null };

/** The MRN: an identifier typed MR (v2-0203), else one in our clinic's system, else the first. */
export function pickMrn(identifiers: Identifier[] | undefined, clinicId: string): Identifier | null {
  const withValue = (identifiers ?? []).filter((i) => typeof i.value === "string" && i.value.trim() !== "");
  return (
    withValue.find((i) => i.type?.coding?.some((c) => c.code === "MR" && (!c.system || c.system === V2_0203))) ??
    withValue.find((i) => i.system === mrnSystem(clinicId)) ??
    withValue[0] ??
    null
  );
}

/** The official (else usual, else first) name that has a family and a given part. */
function pickName(names: HumanName[] | undefined): HumanName | null {
  const usable = (names ?? []).filter((n) => n.family && n.given?.length && n.use !== "old");
  return usable.find((n) => n.use === "official") ?? usable.find((n) => n.use === "usual") ?? usable[0] ?? null;
}

export function fromPatient(p: Patient, clinicId: string): PatientInFhir {
  const name = pickName(p.name);
  const fitz = (p.extension ?? []).find((e: Extension) => e.url === FITZPATRICK_EXTENSION)?.valueInteger;
  return {
    mrn: pickMrn(p.identifier, clinicId)?.value?.trim() ?? null,
    givenName: name?.given?.join(" ") ?? null,
    familyName: name?.family ?? null,
    birthDate: p.birthDate ?? null,
    sex: p.gender ?? "unknown",
    fitzpatrick: typeof fitz === "number" ? fitz : null,
  };
}
