/**
 * Talking to the EHR's FHIR server with a launch's token (oauth4webapi protectedResourceRequest):
 * read the launch Patient and ServiceRequest (mapped to a patient — its MRN picked by the FHIR
 * ingest's rule — and a referral prefill), create a DocumentReference. A 401 makes one forced
 * refresh and a retry; no usable token → NoEhrToken (the write-back then waits for a launch).
 */
import * as oauth from "oauth4webapi";
import { z } from "zod";
import type { Identifier, ServiceRequest } from "fhir/r4";
import type { Db } from "../db/client";
import { BODY_SITES_MAX, REFERRAL_QUESTION_MAX } from "../cases/history";
import { mrnSystemProblem, pickMrn } from "../fhir/map/patient";
import { referralFromServiceRequest, type ReferralFromOrder } from "../fhir/map/service-request-in";
import { isInsecureLoopback } from "./urls";
import { usableAccessToken } from "./tokens";

export class NoEhrToken extends Error {
  constructor() {
    super("no usable EHR token");
    this.name = "NoEhrToken";
  }
}

/** The EHR answered with an error status (not a token problem). */
export class EhrRequestFailed extends Error {
  constructor(readonly status: number) {
    super(`EHR answered ${status}`);
    this.name = "EhrRequestFailed";
  }
}

/** One FHIR request for the launch; returns the parsed JSON body. */
export async function ehrRequest(db: Db, launchId: string, iss: string, method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; json: unknown; location: string | null }> {
  const url = new URL(`${iss}/${path}`);
  const options = { [oauth.allowInsecureRequests]: isInsecureLoopback(iss), signal: AbortSignal.timeout(20_000) };
  for (const force of [false, true]) {
    const token = await usableAccessToken(db, launchId, { force });
    if (!token) throw new NoEhrToken();
    const headers = new Headers({ accept: "application/fhir+json" });
    if (body !== undefined) headers.set("content-type", "application/fhir+json");
    const res = await oauth.protectedResourceRequest(token, method, url, headers, body === undefined ? null : JSON.stringify(body), options);
    if (res.status === 401 && !force) continue;
    if (res.status === 401) throw new NoEhrToken();
    if (!res.ok) throw new EhrRequestFailed(res.status);
    return { status: res.status, json: await res.json().catch(() => null), location: res.headers.get("location") };
  }
  throw new NoEhrToken();
}

const coding = z.object({ system: z.string().optional(), code: z.string().optional() });
const concept = z.object({ coding: z.array(coding).optional(), text: z.string().optional() });

const ehrPatientSchema = z.object({
  resourceType: z.literal("Patient"),
  identifier: z.array(z.object({ type: concept.optional(), system: z.string().optional(), value: z.string().optional() })).optional(),
  name: z.array(z.object({ use: z.string().optional(), family: z.string().optional(), given: z.array(z.string()).optional(), text: z.string().optional() })).optional(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  gender: z.enum(["male", "female", "other", "unknown"]).optional(),
});

export type EhrPatient = { mrn: string; givenName: string; familyName: string; birthDate: string; sex: "female" | "male" | "other" | "unknown" };

/**
 * The launch patient, mapped to DermRelay's patient fields for the connection's clinic
 * (`clinicId`, whose own MRN system is `mrnSystem`, null if unset). The MRN is picked by the FHIR
 * ingest's rule (lib/fhir/map/patient.ts `pickMrn`): an identifier in one of the clinic's systems,
 * else one typed MR, else the first. `patient_unreadable` when it lacks an MRN, name or birth
 * date; `mrn_system_mismatch` when the clinic has its own system and the picked MRN is another's
 * (`mrnSystemProblem`: that is some other assigner's number; matching it would merge strangers).
 */
export function mapEhrPatient(raw: unknown, clinicId: string, mrnSystem: string | null): { patient: EhrPatient } | { refused: "patient_unreadable" | "mrn_system_mismatch" } {
  const parsed = ehrPatientSchema.safeParse(raw);
  if (!parsed.success) return { refused: "patient_unreadable" };
  const p = parsed.data;
  const identifiers = (p.identifier ?? []) as Identifier[];
  const picked = pickMrn(identifiers, clinicId, mrnSystem);
  if (mrnSystemProblem(picked, clinicId, mrnSystem)) return { refused: "mrn_system_mismatch" };
  const mrn = picked?.value?.trim();
  const name = p.name?.find((n) => n.use === "official") ?? p.name?.[0];
  const givenName = name?.given?.join(" ").trim();
  const familyName = name?.family?.trim();
  if (!mrn || !givenName || !familyName || !p.birthDate) return { refused: "patient_unreadable" };
  return { patient: { mrn: mrn.slice(0, 64), givenName: givenName.slice(0, 100), familyName: familyName.slice(0, 100), birthDate: p.birthDate, sex: p.gender ?? "unknown" } };
}

/** The ServiceRequest fields the prefill reads; a malformed field is dropped, not the whole order. */
const ehrOrderSchema = z.object({
  resourceType: z.literal("ServiceRequest"),
  note: z.array(z.object({ text: z.string() })).optional().catch(undefined),
  priority: z.enum(["routine", "urgent", "asap", "stat"]).optional().catch(undefined),
  bodySite: z.array(concept).optional().catch(undefined),
  reasonCode: z.array(concept).optional().catch(undefined),
  code: concept.optional().catch(undefined),
});

/**
 * The draft history a launch's ServiceRequest prefills, through the FHIR ingest's own reading
 * (lib/fhir/map/service-request-in.ts): requested urgency from `priority`, body sites from
 * `bodySite` (codes DermRelay does not know are left for the referrer to pick), suspected
 * diagnosis from a `reasonCode` in DermRelay's system. The referral question is the notes, with
 * the reason's text added as "Reason for referral: …" (the wizard has no other field for it);
 * without notes the reason's text, else the order's code text.
 */
export function referralPrefillOf(raw: unknown): ReferralFromOrder["history"] {
  const parsed = ehrOrderSchema.safeParse(raw);
  if (!parsed.success) return {};
  const sr = parsed.data;
  const { history } = referralFromServiceRequest(sr as ServiceRequest, "ServiceRequest");
  const reason = (sr.reasonCode ?? []).map((r) => r.text?.trim()).filter(Boolean).join("; ");
  const notes = history.referralQuestion?.trim();
  const question = notes ? (reason && !notes.includes(reason) ? `${notes}\nReason for referral: ${reason}` : notes) : reason || sr.code?.text?.trim();
  const { referralQuestion: _notes, bodySites, ...rest } = history;
  return {
    ...rest,
    ...(bodySites?.length ? { bodySites: bodySites.slice(0, BODY_SITES_MAX) } : {}),
    ...(question ? { referralQuestion: question.slice(0, REFERRAL_QUESTION_MAX) } : {}),
  };
}
