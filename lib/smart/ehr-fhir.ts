/**
 * Talking to the EHR's FHIR server with a launch's token (oauth4webapi protectedResourceRequest):
 * read the launch Patient and ServiceRequest, create a DocumentReference. A 401 makes one forced
 * refresh and a retry; no usable token → NoEhrToken (the write-back then waits for a launch).
 */
import * as oauth from "oauth4webapi";
import { z } from "zod";
import type { Db } from "../db/client";
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

const ehrPatientSchema = z.object({
  resourceType: z.literal("Patient"),
  identifier: z.array(z.object({ type: z.object({ coding: z.array(z.object({ code: z.string().optional() })).optional() }).optional(), value: z.string().optional() })).optional(),
  name: z.array(z.object({ use: z.string().optional(), family: z.string().optional(), given: z.array(z.string()).optional(), text: z.string().optional() })).optional(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  gender: z.enum(["male", "female", "other", "unknown"]).optional(),
});

export type EhrPatient = { mrn: string; givenName: string; familyName: string; birthDate: string; sex: "female" | "male" | "other" | "unknown" };

/** The launch patient, mapped to DermRelay's patient fields; null when it lacks an MRN, name or birth date. */
export function mapEhrPatient(raw: unknown): EhrPatient | null {
  const parsed = ehrPatientSchema.safeParse(raw);
  if (!parsed.success) return null;
  const p = parsed.data;
  const mrn = p.identifier?.find((i) => i.type?.coding?.some((c) => c.code === "MR"))?.value?.trim();
  const name = p.name?.find((n) => n.use === "official") ?? p.name?.[0];
  const givenName = name?.given?.join(" ").trim();
  const familyName = name?.family?.trim();
  if (!mrn || !givenName || !familyName || !p.birthDate) return null;
  return { mrn: mrn.slice(0, 64), givenName: givenName.slice(0, 100), familyName: familyName.slice(0, 100), birthDate: p.birthDate, sex: p.gender ?? "unknown" };
}

/** The referral question a ServiceRequest carries (its notes, else its reason or code text). */
export function referralQuestionOf(raw: unknown): string | null {
  const sr = z
    .object({ note: z.array(z.object({ text: z.string() })).optional(), reasonCode: z.array(z.object({ text: z.string().optional() })).optional(), code: z.object({ text: z.string().optional() }).optional() })
    .safeParse(raw);
  if (!sr.success) return null;
  const text = sr.data.note?.map((n) => n.text).join("\n") || sr.data.reasonCode?.map((r) => r.text).filter(Boolean).join("; ") || sr.data.code?.text;
  return text ? text.trim().slice(0, 2000) : null;
}
