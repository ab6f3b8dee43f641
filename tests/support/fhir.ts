/**
 * FHIR test helpers: requests to the real /fhir/R4 route handlers in-process, and (re-exported
 * from fhir-bundle.ts, which the browser suite imports too) a referral transaction Bundle shaped
 * like what an EHR sends.
 */
import { DELETE as deleteRoute, GET as readRoute, PUT as updateRoute } from "@/app/fhir/R4/[type]/[id]/route";
import { GET as searchRoute, POST as createRoute } from "@/app/fhir/R4/[type]/route";
import { GET as operationRoute } from "@/app/fhir/R4/[type]/[id]/[operation]/route";
import { POST as transactionRoute } from "@/app/fhir/R4/route";
import type { OperationOutcome } from "fhir/r4";
import { expect } from "vitest";
import { params } from "./factories";

type Auth = { cookie?: string; token?: string };

function headers(auth: Auth, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(auth.cookie ? { cookie: auth.cookie } : {}), ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}), ...extra };
}

const url = (path: string) => `http://localhost:3000/fhir/R4${path}`;

export async function fhirGet(auth: Auth, path: string, extra: Record<string, string> = {}): Promise<Response> {
  const u = new URL(url(path));
  const parts = u.pathname.replace(/^\/fhir\/R4\//, "").split("/");
  const req = new Request(u, { headers: headers(auth, extra) });
  if (parts.length === 1) return searchRoute(req, params({ type: parts[0]! }));
  if (parts.length === 2) return readRoute(req, params({ type: parts[0]!, id: parts[1]! }));
  return operationRoute(req, params({ type: parts[0]!, id: parts[1]!, operation: parts[2]! }));
}

export async function fhirPost(auth: Auth, path: string, body: unknown): Promise<Response> {
  const req = new Request(url(path), { method: "POST", headers: headers(auth, { "content-type": "application/fhir+json" }), body: JSON.stringify(body) });
  if (path === "" || path === "/") return transactionRoute(req, params({}));
  return createRoute(req, params({ type: path.replace(/^\//, "") }));
}

/** PUT (update) or DELETE of an instance, `path` = `/{type}/{id}`. */
export async function fhirInstance(auth: Auth, method: "PUT" | "DELETE", path: string, body?: unknown): Promise<Response> {
  const [type, id] = path.replace(/^\//, "").split("/");
  const init = body === undefined ? { headers: headers(auth) } : { headers: headers(auth, { "content-type": "application/fhir+json" }), body: JSON.stringify(body) };
  const req = new Request(url(path), { method, ...init });
  return (method === "PUT" ? updateRoute : deleteRoute)(req, params({ type: type!, id: id! }));
}

/** The case world the FHIR API tests build: one case of clinic a, with its people, photo, message and lesion. */
type CaseWorld = {
  patient: { id: string };
  caseId: string;
  a: { clinic: { id: string }; specialist: { id: string }; referrer: { id: string } };
  photoId: string;
  messageId: string;
  lesionId: string;
};

/** One id to read for every resource type the CapabilityStatement lists. */
export function readIdsOf(w: CaseWorld): Record<string, string> {
  return {
    Patient: w.patient.id,
    ServiceRequest: w.caseId,
    Task: w.caseId,
    QuestionnaireResponse: w.caseId,
    Questionnaire: "dermrelay-referral",
    Organization: w.a.clinic.id,
    Practitioner: w.a.specialist.id,
    PractitionerRole: w.a.referrer.id,
    Media: w.photoId,
    Communication: w.messageId,
    DiagnosticReport: w.caseId,
    Consent: w.caseId,
    BodyStructure: w.lesionId,
  };
}

export { FULL_HISTORY, referralBundle, type ReferralOptions } from "./fhir-bundle";

/** `res` is an OperationOutcome with this HTTP status and first issue code, served as FHIR JSON. */
export async function expectOutcome(res: Response, status: number, code: string): Promise<OperationOutcome> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
  const body = (await res.json()) as OperationOutcome;
  expect(body.resourceType).toBe("OperationOutcome");
  expect(body.issue[0]!.code).toBe(code);
  return body;
}
