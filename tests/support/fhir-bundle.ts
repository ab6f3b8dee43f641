/**
 * A referral transaction Bundle shaped like what an EHR sends (US Core Patient with
 * race/ethnicity/birth-sex extensions, several names and identifiers, meta.profile;
 * ServiceRequest; a QuestionnaireResponse answering every §3 field; inline photos; Consent).
 * No imports of the app: the browser suite posts it too.
 */
import type { Bundle, BundleEntry, QuestionnaireResponseItem } from "fhir/r4";

const coding = (system: string, code: string) => ({ valueCoding: { system, code } });
const dr = (name: string) => `urn:dermrelay:fhir:CodeSystem:${name}`;
const bool = (linkId: string, v: boolean): QuestionnaireResponseItem => ({ linkId, answer: [{ valueBoolean: v }] });

/** The §3 history the Bundle below answers (what the draft must hold afterwards). */
export const FULL_HISTORY = {
  referralQuestion: "Changing pigmented lesion, please assess",
  suspected: "melanoma",
  requestedUrgency: "urgent",
  onset: "3 months",
  evolution: "changed",
  bodySites: ["14975008", "39937001"],
  multiple: false,
  sizeMm: 7.5,
  symptoms: { itch: true, pain: false, bleeding: false, ulceration: false, scaling: true },
  abcde: { asymmetry: true, border: true, colour: false, diameter: true, evolving: true },
  priorTreatments: "none",
  medications: "Metformin",
  allergies: "Penicillin",
  immunosuppressed: false,
  pregnant: false,
  personalSkinCancer: true,
  familySkinCancer: false,
  sunExposure: "high",
  consent: { given: true, by: "patient", at: "2026-11-20T09:30:00Z" },
};

export type ReferralOptions = { mrn: string; identifier: string; status?: "draft" | "active"; photos: Buffer[] };

export function referralBundle(o: ReferralOptions): Bundle {
  const h = FULL_HISTORY;
  const qrItems: QuestionnaireResponseItem[] = [
    { linkId: "referralQuestion", answer: [{ valueString: h.referralQuestion }] },
    { linkId: "suspected", answer: [coding(dr("suspected"), h.suspected)] },
    { linkId: "requestedUrgency", answer: [coding(dr("requested-urgency"), h.requestedUrgency)] },
    { linkId: "onset", answer: [{ valueString: h.onset }] },
    { linkId: "evolution", answer: [coding(dr("answer"), h.evolution)] },
    { linkId: "bodySites", answer: h.bodySites.map((c) => coding("http://snomed.info/sct", c)) },
    bool("multiple", h.multiple),
    { linkId: "sizeMm", answer: [{ valueDecimal: h.sizeMm }] },
    { linkId: "symptoms", item: Object.entries(h.symptoms).map(([k, v]) => bool(`symptoms.${k}`, v)) },
    { linkId: "abcde", item: Object.entries(h.abcde).map(([k, v]) => bool(`abcde.${k}`, v)) },
    { linkId: "priorTreatments", answer: [{ valueString: h.priorTreatments }] },
    { linkId: "medications", answer: [{ valueString: h.medications }] },
    { linkId: "allergies", answer: [{ valueString: h.allergies }] },
    bool("immunosuppressed", h.immunosuppressed),
    bool("pregnant", h.pregnant),
    bool("personalSkinCancer", h.personalSkinCancer),
    bool("familySkinCancer", h.familySkinCancer),
    { linkId: "sunExposure", answer: [coding(dr("answer"), h.sunExposure)] },
    { linkId: "consent", item: [bool("consent.given", true), { linkId: "consent.by", answer: [coding(dr("answer"), "patient")] }, { linkId: "consent.at", answer: [{ valueDateTime: h.consent.at }] }] },
  ];
  const entries: BundleEntry[] = [
    {
      fullUrl: "urn:uuid:2b1c3d4e-0000-4000-8000-000000000001",
      resource: {
        resourceType: "Patient",
        meta: { profile: ["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"] },
        extension: [
          { url: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", extension: [{ url: "ombCategory", valueCoding: { system: "urn:oid:2.16.840.1.113883.6.238", code: "2106-3", display: "White" } }, { url: "text", valueString: "White" }] },
          { url: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity", extension: [{ url: "ombCategory", valueCoding: { system: "urn:oid:2.16.840.1.113883.6.238", code: "2186-5", display: "Not Hispanic or Latino" } }, { url: "text", valueString: "Not Hispanic or Latino" }] },
          { url: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex", valueCode: "F" },
        ],
        identifier: [
          { system: "http://hospital.example.org/ssn-not-used", value: "X-99" },
          { use: "usual", type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] }, system: "http://hospital.example.org/mrn", value: o.mrn },
        ],
        name: [
          { use: "old", family: "Maiden", given: ["Jane"] },
          { use: "official", family: "Doe", given: ["Jane", "Q"] },
        ],
        gender: "female",
        birthDate: "1961-04-12",
      },
      request: { method: "POST", url: "Patient" },
    },
    {
      fullUrl: "urn:uuid:2b1c3d4e-0000-4000-8000-000000000002",
      resource: {
        resourceType: "ServiceRequest",
        identifier: [{ system: "http://hospital.example.org/referrals", value: o.identifier }],
        status: o.status ?? "draft",
        intent: "order",
        priority: "asap",
        subject: { reference: "urn:uuid:2b1c3d4e-0000-4000-8000-000000000001" },
        bodySite: [{ coding: [{ system: "http://snomed.info/sct", code: "14975008" }] }],
        note: [{ text: h.referralQuestion }],
      },
      request: { method: "POST", url: "ServiceRequest" },
    },
    {
      fullUrl: "urn:uuid:2b1c3d4e-0000-4000-8000-000000000003",
      resource: {
        resourceType: "QuestionnaireResponse",
        questionnaire: "http://localhost:3000/fhir/R4/Questionnaire/dermrelay-referral",
        status: "completed",
        subject: { reference: "urn:uuid:2b1c3d4e-0000-4000-8000-000000000001" },
        item: qrItems,
      },
      request: { method: "POST", url: "QuestionnaireResponse" },
    },
    ...o.photos.map((bytes, i): BundleEntry => ({
      fullUrl: `urn:uuid:2b1c3d4e-0000-4000-8000-00000000001${i}`,
      resource: {
        resourceType: "Media",
        status: "completed",
        view: { coding: [{ system: dr("photo-view"), code: i === 0 ? "overview" : "closeup" }] },
        bodySite: { coding: [{ system: "http://snomed.info/sct", code: "14975008" }] },
        subject: { reference: "urn:uuid:2b1c3d4e-0000-4000-8000-000000000001" },
        content: { contentType: "image/jpeg", data: bytes.toString("base64") },
      },
      request: { method: "POST", url: "Media" },
    })),
    {
      fullUrl: "urn:uuid:2b1c3d4e-0000-4000-8000-000000000004",
      resource: {
        resourceType: "Consent",
        status: "active",
        scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "treatment" }] },
        category: [{ coding: [{ system: "http://loinc.org", code: "59284-0" }] }],
        patient: { reference: "urn:uuid:2b1c3d4e-0000-4000-8000-000000000001" },
        dateTime: h.consent.at,
        performer: [{ reference: "urn:uuid:2b1c3d4e-0000-4000-8000-000000000001" }],
        policyRule: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "OPTIN" }] },
      },
      request: { method: "POST", url: "Consent" },
    },
  ];
  return { resourceType: "Bundle", type: "transaction", entry: entries };
}
