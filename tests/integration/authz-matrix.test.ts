/**
 * The authorization matrix, generated from the route list: every /api/v1 route and method × every
 * role × own clinic / other clinic / no session, with the status each must get. A route added
 * without an entry here fails the suite, and so does an entry for a route that no longer exists.
 */
import { eq } from "drizzle-orm";
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { cases, replyTemplates } from "@/lib/db/schema";
import type { RequestContext } from "@/lib/auth/actor";
import { transition } from "@/lib/cases/state";
import { createLesion } from "@/lib/lesions/service";
import { createPatient, createTenant, createUser, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, runTriage, uploadPhotoRequest } from "../support/referrals";
import { createUpload, tusMetadata } from "../support/tus";

type Who = "anon" | "referrer" | "stranger" | "specialist" | "admin";
type Expect = Record<Who, number | number[]>;
type Fx = { uploadId: string; doomedUploadId: string; lesionId: string; draftId: string; triagedId: string; closedId: string; patientId: string; photoId: string; templateId: string; clinicId: string; userId: string };
type Row = { params?: (f: Fx) => Record<string, string>; body?: unknown; headers?: (f: Fx) => Record<string, string>; expect: Expect };

const ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

const adminOnly = (admin: number | number[]): Expect => ({ anon: 401, referrer: 403, stranger: 403, specialist: 403, admin });
const specialistOnly = (specialist: number | number[]): Expect => ({ anon: 401, referrer: 403, stranger: 403, specialist, admin: 403 });
const referrerOnly = (referrer: number | number[], stranger: number | number[] = 404): Expect => ({ anon: 401, referrer, stranger, specialist: 403, admin: 403 });
const signedIn = (all: number | number[]): Expect => ({ anon: 401, referrer: all, stranger: all, specialist: all, admin: all });

const caseP = (k: keyof Fx) => (f: Fx) => ({ id: f[k] });

/** Keyed "METHOD /api/v1/path/[param]". Mutations aim at states where the permitted role gets a refusal, so rows do not disturb each other. */
const MATRIX: Record<string, Row> = {
  "GET /api/v1/me": { expect: signedIn(200) },
  "POST /api/v1/me/password": { body: {}, expect: signedIn(422) },
  "POST /api/v1/me/sign-out-everywhere": { expect: signedIn(200) },
  "GET /api/v1/body-sites": { expect: signedIn(200) },
  "GET /api/v1/diagnosis-codes": { expect: signedIn(200) },
  "GET /api/v1/calibration-sheet": { expect: signedIn(200) },
  "GET /api/v1/notifications": { expect: signedIn(200) },
  "POST /api/v1/notifications/read": { body: { bogus: true }, expect: signedIn(422) },
  "GET /api/v1/patients": { expect: referrerOnly(200, 200) },
  "POST /api/v1/patients": { body: {}, expect: referrerOnly(422, 422) },
  "GET /api/v1/patients/[id]": { params: caseP("patientId"), expect: referrerOnly(200) },
  "GET /api/v1/patients/[id]/lesions": { params: caseP("patientId"), expect: { anon: 401, referrer: 200, stranger: 404, specialist: 200, admin: 200 } },
  "GET /api/v1/lesions/[id]/timeline": { params: caseP("lesionId"), expect: { anon: 401, referrer: 200, stranger: 404, specialist: 200, admin: 200 } },
  "POST /api/v1/patients/[id]/lesions": { params: caseP("patientId"), body: {}, expect: referrerOnly(422) },
  // The photo is on a triaged case: past the referrer's editing, and not claimed by the specialist.
  "PUT /api/v1/photos/[id]/lesion": { params: caseP("photoId"), body: {}, expect: { anon: 401, referrer: 409, stranger: 404, specialist: 409, admin: 403 } },
  "GET /api/v1/cases": { expect: signedIn(200) },
  "POST /api/v1/cases": { body: {}, expect: referrerOnly(422, 422) },
  "GET /api/v1/cases/[id]": { params: caseP("triagedId"), expect: { anon: 401, referrer: 200, stranger: 404, specialist: 200, admin: 200 } },
  "PATCH /api/v1/cases/[id]": { params: caseP("triagedId"), body: {}, expect: referrerOnly(409) },
  "DELETE /api/v1/cases/[id]": { params: caseP("triagedId"), expect: referrerOnly(409) },
  "POST /api/v1/cases/[id]/photos": { params: caseP("triagedId"), expect: referrerOnly(409) },
  "POST /api/v1/cases/[id]/submit": { params: caseP("triagedId"), expect: referrerOnly(409) },
  "POST /api/v1/cases/[id]/withdraw": { params: caseP("closedId"), expect: referrerOnly(409) },
  "POST /api/v1/cases/[id]/acknowledge": { params: caseP("triagedId"), expect: referrerOnly(409) },
  "POST /api/v1/cases/[id]/info-responses": { params: caseP("triagedId"), body: { answer: "It has been there for a year." }, expect: referrerOnly(409) },
  "POST /api/v1/cases/[id]/claim": { params: caseP("closedId"), expect: specialistOnly(409) },
  "PATCH /api/v1/cases/[id]/claim": { params: caseP("closedId"), expect: specialistOnly(409) },
  "POST /api/v1/cases/[id]/release": { params: caseP("closedId"), expect: specialistOnly(409) },
  "POST /api/v1/cases/[id]/info-requests": { params: caseP("closedId"), body: { question: "How long has it been there?" }, expect: specialistOnly(409) },
  "POST /api/v1/cases/[id]/consultation": { params: caseP("closedId"), body: {}, expect: specialistOnly([409, 422]) },
  "GET /api/v1/cases/[id]/letter.pdf": { params: caseP("closedId"), expect: { anon: 401, referrer: 409, stranger: 404, specialist: 409, admin: 409 } },
  "GET /api/v1/photos/[id]": { params: caseP("photoId"), expect: { anon: 401, referrer: 200, stranger: 404, specialist: 200, admin: 200 } },
  "GET /api/v1/photos/[id]/measurements": { params: caseP("photoId"), expect: { anon: 401, referrer: 200, stranger: 404, specialist: 200, admin: 200 } },
  "POST /api/v1/photos/[id]/measurements": { params: caseP("photoId"), body: {}, expect: specialistOnly(409) },
  "GET /api/v1/photos/[id]/image": { params: caseP("photoId"), expect: { anon: 401, referrer: 200, stranger: 404, specialist: 200, admin: 200 } },
  "GET /api/v1/photos/[id]/dicom": { params: caseP("photoId"), expect: { anon: 401, referrer: 200, stranger: 404, specialist: 200, admin: 200 } },
  "GET /api/v1/cases/[id]/dicom": { params: caseP("triagedId"), expect: { anon: 401, referrer: 200, stranger: 404, specialist: 200, admin: 200 } },
  "DELETE /api/v1/photos/[id]": { params: caseP("photoId"), expect: referrerOnly(409) },
  // tus (lib/uploads/): creation aims at the triaged case (409); the upload belongs to the referrer.
  "OPTIONS /api/v1/uploads": { expect: { anon: 204, referrer: 204, stranger: 204, specialist: 204, admin: 204 } },
  "POST /api/v1/uploads": { headers: (f) => ({ "tus-resumable": "1.0.0", "upload-length": "1000", "upload-metadata": tusMetadata({ caseId: f.triagedId, view: "overview", bodySite: "14975008" }) }), expect: referrerOnly(409) },
  "HEAD /api/v1/uploads/[id]": { params: caseP("uploadId"), headers: () => ({ "tus-resumable": "1.0.0" }), expect: referrerOnly(200) },
  "PATCH /api/v1/uploads/[id]": { params: caseP("uploadId"), headers: () => ({ "tus-resumable": "1.0.0", "upload-offset": "7", "content-type": "application/offset+octet-stream" }), expect: referrerOnly(409) },
  "DELETE /api/v1/uploads/[id]": { params: caseP("doomedUploadId"), headers: () => ({ "tus-resumable": "1.0.0" }), expect: referrerOnly(204) },
  "GET /api/v1/queue": { expect: specialistOnly(200) },
  "GET /api/v1/queue/claims": { expect: specialistOnly(200) },
  "POST /api/v1/queue/claim-next": { expect: specialistOnly([200, 204]) },
  "GET /api/v1/templates": { expect: specialistOnly(200) },
  "POST /api/v1/templates": { body: {}, expect: specialistOnly(422) },
  "PATCH /api/v1/templates/[id]": { params: caseP("templateId"), body: { bogus: 1 }, expect: specialistOnly(422) },
  "DELETE /api/v1/templates/[id]": { params: () => ({ id: "00000000-0000-4000-8000-000000000000" }), expect: specialistOnly(404) },
  "GET /api/v1/metrics/turnaround": { expect: adminOnly([200, 422]) },
  "GET /api/v1/metrics/turnaround.csv": { expect: adminOnly([200, 422]) },
  "GET /api/v1/metrics/backlog": { expect: adminOnly(200) },
  "GET /api/v1/metrics/quality": { expect: adminOnly([200, 422]) },
  "GET /api/v1/metrics/equity": { expect: adminOnly([200, 422]) },
  "GET /api/v1/audit": { expect: adminOnly(200) },
  "GET /api/v1/audit/verify": { expect: adminOnly(200) },
  "POST /api/v1/audit/verify": { expect: adminOnly(200) },
  "GET /api/v1/users": { expect: adminOnly(200) },
  "POST /api/v1/users": { body: {}, expect: adminOnly(422) },
  "GET /api/v1/users/[id]": { params: caseP("userId"), expect: adminOnly(200) },
  "PATCH /api/v1/users/[id]": { params: caseP("userId"), body: { bogus: 1 }, expect: adminOnly(422) },
  "POST /api/v1/users/[id]/invite": { params: () => ({ id: "00000000-0000-4000-8000-000000000000" }), expect: adminOnly(404) },
  "GET /api/v1/clinics": { expect: adminOnly(200) },
  "POST /api/v1/clinics": { body: {}, expect: adminOnly(422) },
  "GET /api/v1/clinics/[id]": { params: caseP("clinicId"), expect: adminOnly(200) },
  "PATCH /api/v1/clinics/[id]": { params: caseP("clinicId"), body: { bogus: 1 }, expect: adminOnly(422) },
  "GET /api/v1/ehr-connections": { expect: adminOnly(200) },
  "POST /api/v1/ehr-connections": { body: {}, expect: adminOnly(422) },
  "GET /api/v1/ehr-connections/[id]": { params: () => ({ id: "00000000-0000-4000-8000-000000000000" }), expect: adminOnly(404) },
  "PATCH /api/v1/ehr-connections/[id]": { params: () => ({ id: "00000000-0000-4000-8000-000000000000" }), body: { bogus: 1 }, expect: adminOnly(422) },
  "GET /api/v1/fhir-clients": { expect: adminOnly(200) },
  "POST /api/v1/fhir-clients": { body: {}, expect: adminOnly(422) },
  "PATCH /api/v1/fhir-clients/[id]": { params: () => ({ id: "00000000-0000-4000-8000-000000000000" }), body: { bogus: 1 }, expect: adminOnly(422) },
  "GET /api/v1/settings/sla": { expect: adminOnly(200) },
  "PUT /api/v1/settings/sla": { body: {}, expect: adminOnly(422) },
  "GET /api/v1/settings/pacs": { expect: adminOnly(200) },
  "PUT /api/v1/settings/pacs": { body: {}, expect: adminOnly(422) },
  "GET /api/v1/cases/[id]/pacs-sends": { params: caseP("triagedId"), expect: adminOnly(200) },
  // No PACS is configured in this suite: the permitted role gets the refusal, nothing is queued.
  "POST /api/v1/cases/[id]/pacs-sends": { params: caseP("triagedId"), expect: adminOnly(409) },
  "GET /api/v1/tokens": { expect: adminOnly(200) },
  "POST /api/v1/tokens": { body: {}, expect: adminOnly(422) },
  "DELETE /api/v1/tokens/[id]": { params: () => ({ id: "00000000-0000-4000-8000-000000000000" }), expect: adminOnly(404) },
};

/** Every "METHOD /api/v1/…" the app serves, read from app/api/v1/**\/route.ts. */
async function discoverRoutes(): Promise<Map<string, (req: Request, seg: { params: Promise<unknown> }) => Promise<Response>>> {
  const found = new Map();
  const walk = async (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name === "route.ts") {
        const mod = await import(full);
        const route = "/api/v1" + path.relative(ROOT, path.dirname(full)).split(path.sep).map((s) => (s ? `/${s}` : "")).join("");
        for (const m of METHODS) if (typeof mod[m] === "function") found.set(`${m} ${route.replace(/\/$/, "")}`, mod[m]);
      }
    }
  };
  await walk(ROOT);
  return found;
}

let routes: Awaited<ReturnType<typeof discoverRoutes>>;
let fx: Fx;
let users: Record<Exclude<Who, "anon">, Awaited<ReturnType<typeof createUser>>>;

beforeAll(async () => {
  routes = await discoverRoutes();
  const a = await createTenant();
  const b = await createTenant();
  const patient = await createPatient(a.clinic.id);
  const ctx = ctxOf(a.referrer);
  const draft = await createCompleteDraft(ctx, patient.id);
  const triaged = await createCompleteDraft(ctx, patient.id);
  const closed = await createCompleteDraft(ctx, patient.id);
  const cookie = (await sessionCookie(a.referrer)).cookie;
  const photo = await (await uploadPhotoRequest(cookie, triaged.id, await jpeg(900, 700))).json();
  await uploadPhotoRequest(cookie, closed.id, await jpeg(900, 700));
  for (const c of [triaged.id, closed.id]) {
    await processCasePhotos(c);
    await db.transaction((tx) => transition(tx, ctx, c, "submit", { submittedAt: new Date() }));
    await runTriage(c);
  }
  const spec: RequestContext = ctxOf(a.specialist);
  await db.transaction(async (tx) => {
    await transition(tx, spec, closed.id, "claim", { claimedBy: a.specialist.id });
    await transition(tx, spec, closed.id, "reply", { answeredAt: new Date(), claimedBy: null });
    await transition(tx, ctx, closed.id, "acknowledge", { closedAt: new Date() });
  });
  const [template] = await db.insert(replyTemplates).values({ ownerId: a.specialist.id, name: "Reassure" }).returning();
  const uploadId = await createUpload(cookie, draft.id, 1000);
  const doomedUploadId = await createUpload(cookie, draft.id, 1000);
  users = { referrer: a.referrer, stranger: b.referrer, specialist: a.specialist, admin: a.admin };
  const lesion = await createLesion(db, ctx, patient.id, { label: "Mole", bodySite: "14975008" });
  fx = {
    uploadId,
    doomedUploadId,
    lesionId: lesion.id,
    draftId: draft.id,
    triagedId: triaged.id,
    closedId: closed.id,
    patientId: patient.id,
    photoId: photo.id,
    templateId: template!.id,
    clinicId: a.clinic.id,
    userId: a.referrer.id,
  };
  expect((await db.select({ s: cases.status }).from(cases).where(eq(cases.id, closed.id)))[0]!.s).toBe("closed");
});

describe("authorization matrix", () => {
  it("has an entry for every route and method, and no entry without a route", () => {
    const served = [...routes.keys()].sort();
    expect(served.filter((k) => !(k in MATRIX)), "routes without a matrix entry").toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !routes.has(k)), "entries without a route").toEqual([]);
  });

  for (const [key, row] of Object.entries(MATRIX)) {
    it(key, async () => {
      const handler = routes.get(key);
      expect(handler, `${key} is not served`).toBeDefined();
      const [method, route] = key.split(" ") as [string, string];
      const p = row.params?.(fx) ?? {};
      const url = `http://localhost:3000${route.replace(/\[(\w+)\]/g, (_, name: string) => p[name] ?? "x")}`;
      for (const who of ["anon", "stranger", "admin", "referrer", "specialist"] as Who[]) {
        const headers: Record<string, string> = {};
        // A fresh session per request: sign-out-everywhere and password rows must not end the next one's.
        if (who !== "anon") headers.cookie = (await sessionCookie(users[who])).cookie;
        if (row.body !== undefined) headers["content-type"] = "application/json";
        Object.assign(headers, row.headers?.(fx));
        const res = await handler!(new Request(url, { method, headers, body: row.body === undefined ? undefined : JSON.stringify(row.body) }), params(p));
        const expected = ([] as number[]).concat(row.expect[who]);
        expect(expected, `${key} as ${who}: got ${res.status} ${res.status >= 400 ? await res.clone().text() : ""}`).toContain(res.status);
      }
    });
  }
});
