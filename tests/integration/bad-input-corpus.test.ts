/**
 * A corpus of hostile and malformed requests over the API. Each must get a clean 4xx with the
 * error envelope — never a 5xx — and, where it must, leave the database as it was.
 */
import { count, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as casesRoute from "@/app/api/v1/cases/route";
import * as caseRoute from "@/app/api/v1/cases/[id]/route";
import * as submitRoute from "@/app/api/v1/cases/[id]/submit/route";
import * as withdrawRoute from "@/app/api/v1/cases/[id]/withdraw/route";
import * as acknowledgeRoute from "@/app/api/v1/cases/[id]/acknowledge/route";
import * as photosRoute from "@/app/api/v1/cases/[id]/photos/route";
import * as photoRoute from "@/app/api/v1/photos/[id]/route";
import * as imageRoute from "@/app/api/v1/photos/[id]/image/route";
import * as patientsRoute from "@/app/api/v1/patients/route";
import * as patientRoute from "@/app/api/v1/patients/[id]/route";
import * as diagnosisRoute from "@/app/api/v1/diagnosis-codes/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import * as passwordRoute from "@/app/api/v1/me/password/route";
import { db } from "@/lib/db/client";
import { cases, patients, photos } from "@/lib/db/schema";
import { cameraJpeg, hugePngHeader } from "../fixtures/images";
import { createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, FOREARM, jpeg, processCasePhotos, runTriage } from "../support/referrals";

/** An ISO-BMFF video: an ftyp box, but no HEIF brand. */
const mp4Head = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\0\0isommp41", "latin1"), Buffer.alloc(64)]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers differ only in their params type
type Handler = (req: Request, seg: { params: Promise<any> }) => Promise<Response>;
type Who = "referrer" | "stranger" | "specialist" | "admin" | "anon";
type Entry = {
  name: string;
  route: Handler;
  method: string;
  path: (f: Fixtures) => string;
  params?: (f: Fixtures) => Record<string, string>;
  as?: Who;
  body?: string | ((f: Fixtures) => string | FormData | Promise<FormData>);
  headers?: Record<string, string>;
  status: number | number[];
  unchanged?: boolean;
};
type Fixtures = { draftId: string; triagedId: string; patientId: string; photoId: string; cookies: Record<Who, string | undefined> };

let f: Fixtures;

beforeAll(async () => {
  const t = await createTenant();
  const s = await createTenant();
  const patient = await createPatient(t.clinic.id);
  const draft = await createCompleteDraft(ctxOf(t.referrer), patient.id);
  const triaged = await createCompleteDraft(ctxOf(t.referrer), patient.id);
  const cookie = (await sessionCookie(t.referrer)).cookie;
  const form = new FormData();
  form.set("view", "overview");
  form.set("bodySite", FOREARM);
  form.set("file", new Blob([new Uint8Array(await jpeg(900, 700))]), "a.jpg");
  const photo = await (await photosRoute.POST(new Request(`http://localhost:3000/api/v1/cases/${triaged.id}/photos`, { method: "POST", headers: { cookie }, body: form }), params({ id: triaged.id }))).json();
  await processCasePhotos(triaged.id);
  await submitRoute.POST(new Request(`http://localhost:3000/x`, { method: "POST", headers: { cookie } }), params({ id: triaged.id }));
  await runTriage(triaged.id);
  f = {
    draftId: draft.id,
    triagedId: triaged.id,
    patientId: patient.id,
    photoId: photo.id,
    cookies: {
      referrer: cookie,
      stranger: (await sessionCookie(s.referrer)).cookie,
      specialist: (await sessionCookie(t.specialist)).cookie,
      admin: (await sessionCookie(t.admin)).cookie,
      anon: undefined,
    },
  };
});

const J = "application/json";
const multipart = (parts: Record<string, string | Blob>) => () => {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) form.set(k, v);
  return form;
};
const file = async (bytes: Buffer | Promise<Buffer>, type = "image/jpeg", name = "p.jpg") => new File([new Uint8Array(await bytes)], name, { type });

const patientBody = { mrn: "BAD-1", givenName: "A", familyName: "B", birthDate: "1990-01-01", sex: "female" };
const caseBody = (fx: Fixtures, history: unknown) => JSON.stringify({ patientId: fx.patientId, history });
const p = (fx: Fixtures) => ({ id: fx.patientId });
const d = (fx: Fixtures) => ({ id: fx.draftId });
const tr = (fx: Fixtures) => ({ id: fx.triagedId });
const ph = (fx: Fixtures) => ({ id: fx.photoId });

const CORPUS: Entry[] = [
  // Malformed JSON and media types
  { name: "truncated JSON", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: '{"mrn": "X', status: 400, unchanged: true },
  { name: "JSON with trailing garbage", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: '{"mrn":"X"} extra', status: 400, unchanged: true },
  { name: "empty body", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: "", status: 400, unchanged: true },
  { name: "JSON null", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: "null", status: 422, unchanged: true },
  { name: "JSON array", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: "[1,2,3]", status: 422, unchanged: true },
  { name: "JSON string", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: '"hello"', status: 422, unchanged: true },
  { name: "form-encoded instead of JSON", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: "mrn=1&givenName=a", headers: { "content-type": "application/x-www-form-urlencoded" }, status: 415, unchanged: true },
  { name: "text/plain JSON", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: "{}", headers: { "content-type": "text/plain" }, status: 415, unchanged: true },
  { name: "oversized JSON body", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, givenName: "x".repeat(400_000) }), status: 413, unchanged: true },
  { name: "deeply nested JSON", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: "[".repeat(5000) + "]".repeat(5000), status: [400, 422], unchanged: true },
  // Wrong types and unknown fields
  { name: "mrn as number", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, mrn: 42 }), status: 422, unchanged: true },
  { name: "unknown patient field", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, ssn: "123" }), status: 422, unchanged: true },
  { name: "birth date not a date", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, birthDate: "yesterday" }), status: 422, unchanged: true },
  { name: "birth date 31 February", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, birthDate: "2001-02-31" }), status: 422, unchanged: true },
  { name: "birth date in the future", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, birthDate: "2999-01-01" }), status: 422, unchanged: true },
  { name: "fitzpatrick 7", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, fitzpatrick: 7 }), status: 422, unchanged: true },
  { name: "sex not in the list", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, sex: "yes" }), status: 422, unchanged: true },
  { name: "overlong given name", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, givenName: "é".repeat(101) }), status: 422, unchanged: true },
  { name: "MRN with SQL", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, mrn: "1'; DROP TABLE patients;--" }), status: 422, unchanged: true },
  { name: "MRN with NUL byte", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify({ ...patientBody, mrn: "A\u0000B" }), status: 422, unchanged: true },
  { name: "prototype pollution key", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: '{"__proto__":{"admin":true},"mrn":"P-1","givenName":"A","familyName":"B","birthDate":"1990-01-01","sex":"male","constructor":1}', status: 422, unchanged: true },
  { name: "case with patientId not a uuid", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: JSON.stringify({ patientId: "1 OR 1=1", history: {} }), status: 422, unchanged: true },
  { name: "case for another clinic's patient", route: casesRoute.POST, method: "POST", as: "stranger", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, {}), status: 404, unchanged: true },
  { name: "history unknown field", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, { bodysites: ["x"] }), status: 422, unchanged: true },
  { name: "history nested unknown field", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, { symptoms: { itch: true, smell: true } }), status: 422, unchanged: true },
  { name: "history boolean as string", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, { immunosuppressed: "true" }), status: 422, unchanged: true },
  { name: "history unknown enum", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, { suspected: "vampirism" }), status: 422, unchanged: true },
  { name: "history bad body-site code", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, { bodySites: ["99999999"] }), status: 422, unchanged: true },
  { name: "history negative size", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, { sizeMm: -1 }), status: 422, unchanged: true },
  { name: "history size NaN-ish", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, { sizeMm: "1e999" }), status: 422, unchanged: true },
  { name: "consent given false", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, { consent: { given: false, by: "patient", at: "2026-01-01T00:00:00Z" } }), status: 422, unchanged: true },
  { name: "overlong referral question", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, { referralQuestion: "q".repeat(5000) }), status: 422, unchanged: true },
  { name: "script text is stored as text, not refused, only when valid", route: casesRoute.POST, method: "POST", path: () => "/api/v1/cases", body: (fx) => caseBody(fx, { referralQuestion: "<script>alert(1)</script>", extra: 1 }), status: 422, unchanged: true },
  { name: "patch a submitted case", route: caseRoute.PATCH, method: "PATCH", path: (fx) => `/api/v1/cases/${fx.triagedId}`, params: tr, body: JSON.stringify({ history: { onset: "1 day" } }), status: 409, unchanged: true },
  { name: "patch with unknown top-level field", route: caseRoute.PATCH, method: "PATCH", path: (fx) => `/api/v1/cases/${fx.draftId}`, params: d, body: JSON.stringify({ status: "answered" }), status: 422, unchanged: true },
  { name: "patch another clinic's draft", route: caseRoute.PATCH, method: "PATCH", as: "stranger", path: (fx) => `/api/v1/cases/${fx.draftId}`, params: d, body: JSON.stringify({ history: {} }), status: 404, unchanged: true },
  { name: "delete a submitted case", route: caseRoute.DELETE, method: "DELETE", path: (fx) => `/api/v1/cases/${fx.triagedId}`, params: tr, status: 409, unchanged: true },
  // Illegal transitions
  { name: "submit twice", route: submitRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.triagedId}/submit`, params: tr, status: 409, unchanged: true },
  { name: "acknowledge an unanswered case", route: acknowledgeRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.triagedId}/acknowledge`, params: tr, status: 409, unchanged: true },
  { name: "withdraw a draft", route: withdrawRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.draftId}/withdraw`, params: d, status: 409, unchanged: true },
  { name: "specialist submits", route: submitRoute.POST, method: "POST", as: "specialist", path: (fx) => `/api/v1/cases/${fx.draftId}/submit`, params: d, status: 403, unchanged: true },
  // Foreign and malformed ids
  { name: "case id not a uuid", route: caseRoute.GET, method: "GET", path: () => "/api/v1/cases/../../etc/passwd", params: () => ({ id: "../../etc/passwd" }), status: 404 },
  { name: "case id SQL", route: caseRoute.GET, method: "GET", path: () => "/api/v1/cases/x", params: () => ({ id: "' OR '1'='1" }), status: 404 },
  { name: "unknown case uuid", route: caseRoute.GET, method: "GET", path: () => "/api/v1/cases/x", params: () => ({ id: "00000000-0000-4000-8000-000000000000" }), status: 404 },
  { name: "another clinic's patient", route: patientRoute.GET, method: "GET", as: "stranger", path: (fx) => `/api/v1/patients/${fx.patientId}`, params: p, status: 404 },
  { name: "another clinic's photo", route: photoRoute.GET, method: "GET", as: "stranger", path: (fx) => `/api/v1/photos/${fx.photoId}`, params: ph, status: 404 },
  { name: "another clinic's image", route: imageRoute.GET, method: "GET", as: "stranger", path: (fx) => `/api/v1/photos/${fx.photoId}/image`, params: ph, status: 404 },
  { name: "another clinic deletes a photo", route: photoRoute.DELETE, method: "DELETE", as: "stranger", path: (fx) => `/api/v1/photos/${fx.photoId}`, params: ph, status: 404, unchanged: true },
  { name: "image variant unknown", route: imageRoute.GET, method: "GET", path: (fx) => `/api/v1/photos/${fx.photoId}/image?variant=original`, params: ph, status: 422 },
  { name: "list with bad status", route: casesRoute.GET, method: "GET", path: () => "/api/v1/cases?status=everything", status: 422 },
  { name: "list with forged cursor", route: casesRoute.GET, method: "GET", path: () => "/api/v1/cases?cursor=AAAA", status: 400 },
  { name: "list with huge limit", route: casesRoute.GET, method: "GET", path: () => "/api/v1/cases?limit=100000", status: 422 },
  { name: "list with negative limit", route: casesRoute.GET, method: "GET", path: () => "/api/v1/cases?limit=-5", status: 422 },
  { name: "diagnosis query overlong", route: diagnosisRoute.GET, method: "GET", path: () => `/api/v1/diagnosis-codes?q=${"a".repeat(500)}`, status: 422 },
  { name: "patient search unknown param", route: patientsRoute.GET, method: "GET", path: () => "/api/v1/patients?q=a&drop=1", status: 422 },
  // Hostile and fake images
  { name: "HTML renamed .jpg", route: photosRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.draftId}/photos`, params: d, body: async () => multipart({ view: "overview", bodySite: FOREARM, file: await file(Buffer.from("<html><script>x</script></html>")) })(), status: 415, unchanged: true },
  { name: "SVG with script", route: photosRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.draftId}/photos`, params: d, body: async () => multipart({ view: "overview", bodySite: FOREARM, file: await file(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "image/svg+xml", "x.svg") })(), status: 415, unchanged: true },
  { name: "MP4 video named .heic", route: photosRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.draftId}/photos`, params: d, body: async () => multipart({ view: "overview", bodySite: FOREARM, file: await file(mp4Head(), "image/heic", "x.heic") })(), status: 415, unchanged: true },
  { name: "GIF", route: photosRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.draftId}/photos`, params: d, body: async () => multipart({ view: "overview", bodySite: FOREARM, file: await file(Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "image/gif", "x.gif") })(), status: 415, unchanged: true },
  { name: "no file part", route: photosRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.draftId}/photos`, params: d, body: multipart({ view: "overview", bodySite: FOREARM }), status: 422, unchanged: true },
  { name: "JSON sent to the upload", route: photosRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.draftId}/photos`, params: d, body: "{}", status: 415, unchanged: true },
  { name: "upload to a submitted case", route: photosRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.triagedId}/photos`, params: tr, body: async () => multipart({ view: "overview", bodySite: FOREARM, file: await file(jpeg(900, 700)) })(), status: 409, unchanged: true },
  { name: "upload to another clinic's draft", route: photosRoute.POST, method: "POST", as: "stranger", path: (fx) => `/api/v1/cases/${fx.draftId}/photos`, params: d, body: async () => multipart({ view: "overview", bodySite: FOREARM, file: await file(cameraJpeg(1000, 800)) })(), status: 404, unchanged: true },
  { name: "upload with bad view", route: photosRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.draftId}/photos`, params: d, body: async () => multipart({ view: "<b>", bodySite: FOREARM, file: await file(jpeg(900, 700)) })(), status: 422, unchanged: true },
  { name: "60000×60000 PNG header is accepted for processing, then rejected (not a 5xx)", route: photosRoute.POST, method: "POST", path: (fx) => `/api/v1/cases/${fx.draftId}/photos`, params: d, body: async () => multipart({ view: "overview", bodySite: FOREARM, file: await file(hugePngHeader(), "image/png", "x.png") })(), status: 201 },
  // Authentication and roles
  { name: "no session", route: casesRoute.GET, method: "GET", as: "anon", path: () => "/api/v1/cases", status: 401 },
  { name: "garbage session cookie", route: casesRoute.GET, method: "GET", as: "anon", path: () => "/api/v1/cases", headers: { cookie: "authjs.session-token=%%%%" }, status: 401 },
  { name: "referrer issues an API token", route: tokensRoute.POST, method: "POST", path: () => "/api/v1/tokens", body: "{}", status: 403, unchanged: true },
  { name: "admin creates a patient", route: patientsRoute.POST, method: "POST", as: "admin", path: () => "/api/v1/patients", body: JSON.stringify(patientBody), status: 403, unchanged: true },
  { name: "password change with wrong types", route: passwordRoute.POST, method: "POST", path: () => "/api/v1/me/password", body: JSON.stringify({ currentPassword: 1, newPassword: ["x"] }), status: 422 },
  { name: "cross-site POST with the session cookie", route: patientsRoute.POST, method: "POST", path: () => "/api/v1/patients", body: JSON.stringify(patientBody), headers: { origin: "https://attacker.example" }, status: 403, unchanged: true },
];

async function snapshot() {
  const [[c], [pt], [ph]] = await Promise.all([
    db.select({ n: count() }).from(cases),
    db.select({ n: count() }).from(patients),
    db.select({ n: count() }).from(photos),
  ]);
  const [hist] = (await db.execute<{ h: string }>(sql`select md5(string_agg(id::text || status || history::text, ',' order by id)) as h from cases`)).rows;
  return { cases: c!.n, patients: pt!.n, photos: ph!.n, history: hist?.h };
}

describe("bad-input corpus", () => {
  it("has at least 60 cases", () => expect(CORPUS.length).toBeGreaterThanOrEqual(60));

  for (const entry of CORPUS) {
    it(entry.name, async () => {
      const who = entry.as ?? "referrer";
      const headers: Record<string, string> = { ...(f.cookies[who] ? { cookie: f.cookies[who]! } : {}) };
      let body: BodyInit | undefined;
      const raw = typeof entry.body === "function" ? await entry.body(f) : entry.body;
      if (typeof raw === "string") {
        body = raw;
        headers["content-type"] = J;
      } else if (raw) body = raw;
      Object.assign(headers, entry.headers ?? {});
      const before = entry.unchanged ? await snapshot() : null;
      const res = await entry.route(new Request(`http://localhost:3000${entry.path(f)}`, { method: entry.method, headers, body }), params(entry.params?.(f) ?? {}));
      const expected = Array.isArray(entry.status) ? entry.status : [entry.status];
      expect(expected, `${entry.name}: got ${res.status}`).toContain(res.status);
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) {
        const json = await res.json();
        expect(json).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
        expect(JSON.stringify(json)).not.toMatch(/at \w+ \(|node_modules|stack/); // no stack traces
      }
      if (before) expect(await snapshot()).toEqual(before);
    });
  }
});

