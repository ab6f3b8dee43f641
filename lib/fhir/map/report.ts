/**
 * The consultation as FHIR DiagnosticReport (id = case id: one reply per case), with the coded
 * diagnosis in `conclusionCode` (ICD-10-CM), the PDF letter as `presentedForm` and the photos as
 * `media`; and the referral consent as FHIR Consent (id = case id).
 */
import type { Attachment, Consent, DiagnosticReport } from "fhir/r4";
import { diagnosisLabel } from "../../codes/diagnosis-codes";
import { DISPOSITION_LABEL } from "../../vocabulary";
import { env } from "../../env";
import type { CaseGraph } from "../graph";
import { CONSENT_SCOPE, drSystem, ICD10CM, LOINC, V3_ACT_CODE } from "../codes";
import { concept, metaOf, ref } from "./refs";

export const letterUrl = (caseId: string) => `${env.APP_URL}/api/v1/cases/${caseId}/letter.pdf`;

/** The report, or null before the case is answered. `letter` inlines the PDF (deliveries). */
export function toDiagnosticReport(g: CaseGraph, letter?: Uint8Array): DiagnosticReport | null {
  const k = g.consultation;
  if (!k) return null;
  const form: Attachment = {
    contentType: "application/pdf",
    url: letterUrl(g.case.id),
    title: "Teledermatology reply letter",
    creation: k.createdAt.toISOString(),
    ...(letter ? { data: Buffer.from(letter).toString("base64"), size: letter.length } : {}),
  };
  const conclusion = [
    `Diagnosis: ${k.diagnosis}`,
    k.differential ? `Differential: ${k.differential}` : null,
    `Plan: ${k.plan}`,
    `Disposition: ${DISPOSITION_LABEL[k.disposition]}`,
    k.followUp ? `Follow-up: ${k.followUp}` : null,
  ]
    .filter(Boolean)
    .join("\n");
  return {
    resourceType: "DiagnosticReport",
    id: g.case.id,
    meta: metaOf(k.createdAt),
    identifier: [{ system: "urn:dermrelay:consultation", value: k.id }],
    basedOn: [ref("ServiceRequest", g.case.id)],
    status: "final",
    category: [concept("http://terminology.hl7.org/CodeSystem/v2-0074", "OTH", "Other")],
    code: concept(LOINC, "11488-4", "Consult note", "Teledermatology consultation"),
    subject: ref("Patient", g.patient.id),
    effectiveDateTime: k.createdAt.toISOString(),
    issued: k.createdAt.toISOString(),
    performer: [ref("Practitioner", k.specialistId)],
    resultsInterpreter: [ref("Practitioner", k.specialistId)],
    ...(g.photos.some((p) => p.status === "ready")
      ? { media: g.photos.filter((p) => p.status === "ready").map((p) => ({ link: ref("Media", p.id) })) }
      : {}),
    conclusion,
    conclusionCode: [
      ...(k.diagnosisCode ? [concept(ICD10CM, k.diagnosisCode, diagnosisLabel(k.diagnosisCode))] : []),
      concept(drSystem("disposition"), k.disposition, DISPOSITION_LABEL[k.disposition]),
    ],
    presentedForm: [form],
  };
}

type ConsentShape = { given?: boolean; by?: "patient" | "guardian"; at?: string };

/** The consent recorded with the referral, or null when the history has none yet. */
export function toConsent(g: CaseGraph): Consent | null {
  const consent = g.case.history.consent as ConsentShape | undefined;
  if (!consent) return null;
  return {
    resourceType: "Consent",
    id: g.case.id,
    meta: metaOf(g.case.updatedAt),
    status: consent.given ? "active" : "proposed",
    scope: concept(CONSENT_SCOPE, "treatment", "Treatment"),
    category: [concept(LOINC, "59284-0", "Patient Consent")],
    patient: ref("Patient", g.patient.id),
    ...(consent.at ? { dateTime: consent.at } : {}),
    performer: [consent.by === "guardian" ? { display: "Guardian of the patient" } : ref("Patient", g.patient.id)],
    organization: [ref("Organization", g.clinic.id)],
    sourceReference: ref("QuestionnaireResponse", g.case.id),
    policyRule: concept(V3_ACT_CODE, "OPTIN", "opt-in"),
    provision: { type: "permit", purpose: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: "TREAT", display: "treatment" }] },
  };
}
