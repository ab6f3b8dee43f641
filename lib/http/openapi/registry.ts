/**
 * Every /api/v1 operation, once: method, path, who may call it, and the zod schemas its route
 * and service parse (input body, query) and answer with (output). The OpenAPI document
 * (./document.ts) is generated from this table, and a test fails when a route file exports a
 * method without a row here (tests/integration/openapi.test.ts). When lib/http/endpoint.ts
 * endpoints carry `input`/`output`, their rows can point at the same schemas.
 */
import type { z } from "zod";
import type { Role } from "../../db/schema/enums";
import { auditQuerySchema } from "../../audit/viewer";
import { createClinicSchema, updateClinicSchema } from "../../clinics/service";
import { inviteUserSchema, updateUserSchema, userListQuerySchema } from "../../identity/users";
import { passwordChangeSchema } from "../../auth/account";
import { issueTokenSchema } from "../../auth/api-tokens";
import { createCaseSchema, updateCaseSchema } from "../../cases/drafts";
import { lesionInputSchema, linkPhotoSchema } from "../../lesions/service";
import { caseListQuerySchema } from "../../cases/list";
import { patientInputSchema } from "../../cases/patient-schema";
import { codeSearchQuerySchema } from "../../codes/search";
import { metricsQuerySchema } from "../../metrics/range";
import { inboxQuerySchema, markReadSchema } from "../../notifications/inbox";
import { patientSearchSchema } from "../../patients/service";
import { imageQuerySchema, photoFieldsSchema } from "../../photos/service";
import { consultationSchema } from "../../reviews/consultation";
import { infoRequestSchema } from "../../reviews/info-requests";
import { infoResponseSchema } from "../../reviews/info-responses";
import { queueQuerySchema } from "../../reviews/queue";
import { createTemplateSchema, updateTemplateSchema } from "../../reviews/templates";
import { slaSettingsSchema } from "../../sla/rules";
import { calibrationSheetEndpoint, listMeasurementsEndpoint } from "../../endpoints/measure";
import { listPacsSendsEndpoint, readPacsSettingsEndpoint } from "../../endpoints/dicom";
import { createConnectionSchema, updateConnectionSchema } from "../../smart/connections";
import { createFhirClientSchema, updateFhirClientSchema } from "../../smart/fhir-clients";
import { pacsSettingsInput } from "../../dicom/pacs-settings";
import { manualMeasurementInput } from "../../measure/manual";
import * as r from "./responses";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "HEAD" | "OPTIONS";

export type Operation = {
  method: HttpMethod;
  /** OpenAPI path template: `/api/v1/cases/{id}`. */
  path: string;
  roles: readonly Role[] | "any" | "public";
  summary: string;
  /** Request headers the operation reads (the tus protocol carries its arguments in headers). */
  headers?: Record<string, string>;
  /** A raw request body of this media type (a tus PATCH's bytes). */
  rawBody?: `${string}/${string}`;
  /** Further answers beyond the one success: another success, or a protocol status (tus 410, 412). */
  responses?: Record<string, { description: string; output?: z.ZodType }>;
  /** JSON body, or the multipart fields of an upload (plus its `file` part). */
  input?: z.ZodType;
  multipart?: boolean;
  query?: z.ZodType;
  /** Success status and its body: a zod schema, `null` for no body, or a media type for bytes. */
  status?: number;
  output?: z.ZodType | null | `${string}/${string}`;
  /** Also answers CSV for `Accept: text/csv` or `?format=csv`. */
  csv?: boolean;
};

const ADMIN = ["admin"] as const;
const REFERRER = ["referrer"] as const;
const SPECIALIST = ["specialist"] as const;

/** tus 1.0 (lib/uploads/): arguments in headers, bodies only on the last PATCH and on errors. */
const TUS = {
  "Tus-Resumable": "Protocol version; must be `1.0.0` (412 with Tus-Version otherwise)",
};
const TUS_REFUSALS = {
  "410": { description: "The upload expired (24 h after creation)" },
  "412": { description: "Tus-Resumable missing or not 1.0.0; Tus-Version names the supported version" },
};
const TUS_OPERATIONS: Operation[] = [
  { method: "OPTIONS", path: "/api/v1/uploads", roles: "public", summary: "tus discovery: Tus-Version, Tus-Extension (creation, creation-with-upload, termination, expiration) and Tus-Max-Size headers", status: 204, output: null },
  {
    method: "POST",
    path: "/api/v1/uploads",
    roles: REFERRER,
    summary: "Start a resumable photo upload (tus creation). Same checks as POST /cases/{id}/photos: the referrer's own clinic, an editable case with room for a photo. 201, no body: Location is the upload URL, Upload-Expires its end",
    headers: {
      ...TUS,
      "Upload-Length": "The photo's size in bytes, 1 to 25 MB (413 over it)",
      "Upload-Metadata": "`caseId`, `view`, `bodySite` as `key base64value` pairs, comma-separated (422 naming the field when one is missing or wrong)",
    },
    status: 201,
    output: null,
    responses: TUS_REFUSALS,
  },
  { method: "HEAD", path: "/api/v1/uploads/{id}", roles: REFERRER, summary: "Where to resume: Upload-Offset and Upload-Length headers; Photo-Id once the upload became a photo. Its creator only (else 404)", headers: TUS, status: 200, output: null, responses: TUS_REFUSALS },
  {
    method: "PATCH",
    path: "/api/v1/uploads/{id}",
    roles: REFERRER,
    summary: "Send bytes from Upload-Offset (409 when it is not the stored offset, or when the upload is already a photo: Photo-Id names it; 413 past Upload-Length). 204 with the new Upload-Offset; the last byte answers 200 with the photo (status processing) and Photo-Id, processed like a multipart upload. One PATCH per upload at a time across all web processes: another request for it asks the running one to stop (it keeps what arrived) and waits",
    headers: { ...TUS, "Upload-Offset": "Where these bytes start", "Content-Type": "application/offset+octet-stream" },
    rawBody: "application/offset+octet-stream",
    status: 204,
    output: null,
    responses: {
      "200": { description: "The last byte arrived: the new photo", output: r.photoResponse },
      ...TUS_REFUSALS,
      "423": { description: "Another request for this upload did not let go in time; retry (tus clients do)" },
    },
  },
  { method: "DELETE", path: "/api/v1/uploads/{id}", roles: REFERRER, summary: "Abandon an unfinished upload and its stored bytes (tus termination)", headers: TUS, status: 204, output: null, responses: TUS_REFUSALS },
];

export const OPERATIONS: Operation[] = [
  { method: "GET", path: "/api/v1/me", roles: "any", summary: "The signed-in user", output: r.meResponse },
  { method: "POST", path: "/api/v1/me/password", roles: "any", summary: "Change the password (ends every other session)", input: passwordChangeSchema, output: r.anyObject },
  { method: "POST", path: "/api/v1/me/sign-out-everywhere", roles: "any", summary: "End every session of the signed-in user", output: r.anyObject },
  { method: "GET", path: "/api/v1/body-sites", roles: "any", summary: "Bundled body-site codes", output: r.codeList },
  { method: "GET", path: "/api/v1/diagnosis-codes", roles: "any", summary: "Search the bundled ICD-10-CM subset", query: codeSearchQuerySchema, output: r.codeList },
  { method: "POST", path: "/api/v1/patients", roles: REFERRER, summary: "Create a patient in the caller's clinic", input: patientInputSchema, status: 201, output: r.patientResponse },
  { method: "GET", path: "/api/v1/patients", roles: REFERRER, summary: "Search patients by name or MRN", query: patientSearchSchema, output: r.page(r.patientResponse) },
  { method: "GET", path: "/api/v1/patients/{id}", roles: REFERRER, summary: "One patient", output: r.patientResponse },
  { method: "GET", path: "/api/v1/patients/{id}/lesions", roles: ["referrer", "specialist", "admin"], summary: "A patient's lesions, each with its photos across referrals", output: r.itemsOf(r.lesionResponse) },
  { method: "GET", path: "/api/v1/lesions/{id}/timeline", roles: ["referrer", "specialist", "admin"], summary: "One lesion over time: its processed photos across referrals, each with its referral and size (saved manual measurement, else automatic; none without a scale)", output: r.lesionTimelineResponse },
  { method: "POST", path: "/api/v1/patients/{id}/lesions", roles: REFERRER, summary: "Record a lesion of a patient", input: lesionInputSchema, status: 201, output: r.lesionResponse },
  { method: "POST", path: "/api/v1/cases", roles: REFERRER, summary: "Create a draft case", input: createCaseSchema, status: 201, output: r.caseResponse },
  { method: "GET", path: "/api/v1/cases", roles: "any", summary: "Keyset-paginated case list", query: caseListQuerySchema, output: r.page(r.caseListItem) },
  { method: "GET", path: "/api/v1/cases/{id}", roles: "any", summary: "Case detail with photos, events, messages and consultation", output: r.caseResponse },
  { method: "PATCH", path: "/api/v1/cases/{id}", roles: REFERRER, summary: "Edit a draft", input: updateCaseSchema, output: r.caseResponse },
  { method: "DELETE", path: "/api/v1/cases/{id}", roles: REFERRER, summary: "Delete a draft and its photos", status: 204, output: null },
  { method: "POST", path: "/api/v1/cases/{id}/photos", roles: REFERRER, summary: "Upload a photo (multipart `file`, `view`, `bodySite`)", input: photoFieldsSchema, multipart: true, status: 201, output: r.photoCreated },
  { method: "POST", path: "/api/v1/cases/{id}/submit", roles: REFERRER, summary: "Submit a draft for triage", output: r.caseResponse },
  { method: "POST", path: "/api/v1/cases/{id}/withdraw", roles: REFERRER, summary: "Withdraw a case", output: r.caseResponse },
  { method: "POST", path: "/api/v1/cases/{id}/acknowledge", roles: REFERRER, summary: "Acknowledge the consultation", output: r.caseResponse },
  { method: "POST", path: "/api/v1/cases/{id}/info-responses", roles: REFERRER, summary: "Answer a request for information", input: infoResponseSchema, status: 201, output: r.anyObject },
  { method: "POST", path: "/api/v1/cases/{id}/claim", roles: SPECIALIST, summary: "Claim a case", output: r.caseResponse },
  { method: "PATCH", path: "/api/v1/cases/{id}/claim", roles: SPECIALIST, summary: "Claim heartbeat (keeps the claim alive)", status: 204, output: null },
  { method: "POST", path: "/api/v1/cases/{id}/release", roles: SPECIALIST, summary: "Release a claim", output: r.caseResponse },
  { method: "POST", path: "/api/v1/cases/{id}/info-requests", roles: SPECIALIST, summary: "Ask the referrer for information (claim holder)", input: infoRequestSchema, status: 201, output: r.anyObject },
  { method: "POST", path: "/api/v1/cases/{id}/consultation", roles: SPECIALIST, summary: "Answer the case (claim holder)", input: consultationSchema, status: 201, output: r.anyObject },
  ...TUS_OPERATIONS,
  { method: "GET", path: "/api/v1/photos/{id}", roles: "any", summary: "Photo metadata and quality", output: r.photoResponse },
  { method: "DELETE", path: "/api/v1/photos/{id}", roles: REFERRER, summary: "Remove a photo from a draft", status: 204, output: null },
  { method: "PUT", path: "/api/v1/photos/{id}/lesion", roles: ["referrer", "specialist"], summary: "Link a photo to a lesion of its patient, a new lesion, or none (referrer while editable; reviewing specialist after submission)", input: linkPhotoSchema, output: r.photoLesionLink },
  { method: "GET", path: "/api/v1/photos/{id}/image", roles: "any", summary: "Image bytes of a rendition (Media.content.url; also a SMART backend token with system/Media.r)", query: imageQuerySchema, output: "image/jpeg" },
  { method: "GET", path: "/api/v1/queue", roles: SPECIALIST, summary: "Triaged cases in queue order", query: queueQuerySchema, output: r.page(r.queueItem) },
  { method: "POST", path: "/api/v1/queue/claim-next", roles: SPECIALIST, summary: "Claim the head of the queue (204 when empty)", output: r.caseResponse },
  { method: "GET", path: "/api/v1/queue/claims", roles: SPECIALIST, summary: "Cases the caller holds", output: r.itemsOf(r.anyObject) },
  { method: "GET", path: "/api/v1/notifications", roles: "any", summary: "The caller's notifications", query: inboxQuerySchema, output: r.anyObject },
  { method: "POST", path: "/api/v1/notifications/read", roles: "any", summary: "Mark notifications read", input: markReadSchema, output: r.anyObject },
  { method: "GET", path: "/api/v1/metrics/turnaround", roles: ADMIN, summary: "Turnaround metrics (SPEC §7)", query: metricsQuerySchema, output: r.turnaroundResponse, csv: true },
  { method: "GET", path: "/api/v1/metrics/turnaround.csv", roles: ADMIN, summary: "Turnaround metrics as CSV", query: metricsQuerySchema, output: "text/csv" },
  { method: "GET", path: "/api/v1/metrics/backlog", roles: ADMIN, summary: "Open cases by priority and SLA state", output: r.anyObject },
  { method: "GET", path: "/api/v1/metrics/quality", roles: ADMIN, summary: "Photo quality by clinic", query: metricsQuerySchema, output: r.anyObject },
  { method: "GET", path: "/api/v1/metrics/equity", roles: ADMIN, summary: "Photo quality, turnaround and dispositions by Fitzpatrick skin type", query: metricsQuerySchema, output: r.equityResponse },
  { method: "GET", path: "/api/v1/audit", roles: ADMIN, summary: "Audit events (CSV with Accept: text/csv)", query: auditQuerySchema, output: r.page(r.auditEvent), csv: true },
  { method: "GET", path: "/api/v1/audit/verify", roles: ADMIN, summary: "Verify the hash chain against the newest signed anchor", output: r.auditVerification },
  { method: "POST", path: "/api/v1/audit/verify", roles: ADMIN, summary: "Verify the hash chain against the newest signed anchor", output: r.auditVerification },
  { method: "GET", path: "/api/v1/users", roles: ADMIN, summary: "Users", query: userListQuerySchema, output: r.itemsOf(r.anyObject) },
  { method: "POST", path: "/api/v1/users", roles: ADMIN, summary: "Invite a user", input: inviteUserSchema, status: 201, output: r.anyObject },
  { method: "GET", path: "/api/v1/users/{id}", roles: ADMIN, summary: "One user", output: r.anyObject },
  { method: "PATCH", path: "/api/v1/users/{id}", roles: ADMIN, summary: "Change a user's name, role, clinic or active flag", input: updateUserSchema, output: r.anyObject },
  { method: "POST", path: "/api/v1/users/{id}/invite", roles: ADMIN, summary: "Send a fresh invitation", status: 201, output: r.anyObject },
  { method: "GET", path: "/api/v1/clinics", roles: ADMIN, summary: "Clinics", output: r.anyObject },
  { method: "POST", path: "/api/v1/clinics", roles: ADMIN, summary: "Create a clinic", input: createClinicSchema, status: 201, output: r.anyObject },
  { method: "GET", path: "/api/v1/clinics/{id}", roles: ADMIN, summary: "One clinic", output: r.anyObject },
  { method: "PATCH", path: "/api/v1/clinics/{id}", roles: ADMIN, summary: "Rename or deactivate a clinic, or set its sticker side or MRN identifier system (mrnSystem: absolute URI, null or \"\" clears it)", input: updateClinicSchema, output: r.anyObject },
  { method: "GET", path: "/api/v1/ehr-connections", roles: ADMIN, summary: "EHR connections (SMART launch); secrets never returned", output: r.itemsOf(r.ehrConnectionResponse) },
  { method: "POST", path: "/api/v1/ehr-connections", roles: ADMIN, summary: "Register an EHR connection", input: createConnectionSchema, status: 201, output: r.ehrConnectionResponse },
  { method: "GET", path: "/api/v1/ehr-connections/{id}", roles: ADMIN, summary: "One EHR connection", output: r.ehrConnectionResponse },
  { method: "PATCH", path: "/api/v1/ehr-connections/{id}", roles: ADMIN, summary: "Edit an EHR connection (clientSecret null removes it)", input: updateConnectionSchema, output: r.ehrConnectionResponse },
  { method: "GET", path: "/api/v1/fhir-clients", roles: ADMIN, summary: "SMART Backend Services clients", output: r.itemsOf(r.fhirClientResponse) },
  { method: "POST", path: "/api/v1/fhir-clients", roles: ADMIN, summary: "Register a Backend Services client (jwks or jwksUrl, system scopes)", input: createFhirClientSchema, status: 201, output: r.fhirClientResponse },
  { method: "PATCH", path: "/api/v1/fhir-clients/{id}", roles: ADMIN, summary: "Deactivate, rescope or rotate the keys of a client", input: updateFhirClientSchema, output: r.fhirClientResponse },
  { method: "GET", path: "/api/v1/settings/sla", roles: ADMIN, summary: "SLA targets per priority", output: r.anyObject },
  { method: "PUT", path: "/api/v1/settings/sla", roles: ADMIN, summary: "Change the SLA targets", input: slaSettingsSchema, output: r.anyObject },
  { method: "GET", path: "/api/v1/templates", roles: SPECIALIST, summary: "The caller's reply templates", output: r.itemsOf(r.anyObject) },
  { method: "POST", path: "/api/v1/templates", roles: SPECIALIST, summary: "Create a reply template", input: createTemplateSchema, status: 201, output: r.anyObject },
  { method: "PATCH", path: "/api/v1/templates/{id}", roles: SPECIALIST, summary: "Edit a reply template", input: updateTemplateSchema, output: r.anyObject },
  { method: "DELETE", path: "/api/v1/templates/{id}", roles: SPECIALIST, summary: "Delete a reply template", status: 204, output: null },
  { method: "GET", path: "/api/v1/tokens", roles: ADMIN, summary: "API tokens (never their secrets)", output: r.page(r.anyObject) },
  { method: "POST", path: "/api/v1/tokens", roles: ADMIN, summary: "Issue an API token (the secret is shown once)", input: issueTokenSchema, status: 201, output: r.anyObject },
  { method: "DELETE", path: "/api/v1/tokens/{id}", roles: ADMIN, summary: "Revoke an API token", status: 204, output: null },
  // Added by the DICOM, letters and measurement work (roles and inputs from their endpoints).
  { method: "GET", path: "/api/v1/calibration-sheet", roles: calibrationSheetEndpoint.roles, summary: "Printable calibration sheet (PDF)", query: calibrationSheetEndpoint.input, output: "application/pdf" },
  { method: "GET", path: "/api/v1/cases/{id}/letter.pdf", roles: "any", summary: "The reply letter as PDF (DiagnosticReport.presentedForm; also a SMART backend token with system/DiagnosticReport.r)", output: "application/pdf" },
  { method: "GET", path: "/api/v1/cases/{id}/dicom", roles: "any", summary: "The case's study as a zip of DICOM objects", output: "application/zip" },
  { method: "GET", path: "/api/v1/photos/{id}/dicom", roles: "any", summary: "One photo as a DICOM object", output: "application/dicom" },
  { method: "GET", path: "/api/v1/cases/{id}/pacs-sends", roles: listPacsSendsEndpoint.roles, summary: "PACS sends of a case, newest first", output: r.itemsOf(r.pacsSendResponse) },
  { method: "POST", path: "/api/v1/cases/{id}/pacs-sends", roles: ADMIN, summary: "Send the case's study to the PACS (202 with the pending send's id; 409 without a PACS or processed photos)", status: 202, output: r.pacsSendCreated },
  { method: "GET", path: "/api/v1/photos/{id}/measurements", roles: listMeasurementsEndpoint.roles, summary: "Manual measurements of a photo", output: r.itemsOf(r.manualMeasurementResponse) },
  { method: "POST", path: "/api/v1/photos/{id}/measurements", roles: SPECIALIST, summary: "Save a ruler or outline measurement (claim holder); millimetres are computed from the photo's scale (422 without one)", input: manualMeasurementInput, status: 201, output: r.manualMeasurementResponse },
  { method: "GET", path: "/api/v1/settings/pacs", roles: readPacsSettingsEndpoint.roles, summary: "PACS connection settings (header values masked)", output: r.pacsSettingsResponse },
  { method: "PUT", path: "/api/v1/settings/pacs", roles: ADMIN, summary: "Change the PACS connection settings (headers omitted keep the stored ones; {} removes them)", input: pacsSettingsInput, output: r.pacsSettingsResponse },
];
