/**
 * The DocumentReference DermRelay files in the EHR when a launched referral is answered (SPEC
 * §13): a LOINC 11488-4 Consult note carrying the PDF reply letter, subject = the EHR's own
 * Patient, context.related = the EHR's ServiceRequest when the launch had one. The identifier
 * (DermRelay's case id) lets the EHR and us recognise a second filing of the same reply.
 */
import type { DocumentReference } from "@medplum/fhirtypes";
import { env } from "../env";

export const CONSULT_NOTE = { system: "http://loinc.org", code: "11488-4", display: "Consult note" } as const;

export type WriteBackInput = { caseId: string; ehrPatientId: string; ehrServiceRequestId: string | null; answeredAt: Date; specialistName: string; pdf: Uint8Array };

/** Build the DocumentReference for the EHR. */
export function buildDocumentReference(i: WriteBackInput): DocumentReference {
  return {
    resourceType: "DocumentReference",
    identifier: [{ system: `${env.APP_URL}/fhir/R4/ServiceRequest`, value: i.caseId }],
    status: "current",
    docStatus: "final",
    type: { coding: [{ ...CONSULT_NOTE }], text: "Dermatology consult note" },
    category: [{ coding: [{ system: "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category", code: "clinical-note", display: "Clinical Note" }] }],
    subject: { reference: `Patient/${i.ehrPatientId}` },
    date: i.answeredAt.toISOString(),
    author: [{ display: i.specialistName }],
    description: "Teledermatology reply (DermRelay)",
    content: [{ attachment: { contentType: "application/pdf", data: Buffer.from(i.pdf).toString("base64"), title: "Dermatology reply letter.pdf", creation: i.answeredAt.toISOString() } }],
    ...(i.ehrServiceRequestId ? { context: { related: [{ reference: `ServiceRequest/${i.ehrServiceRequestId}` }] } } : {}),
  };
}
