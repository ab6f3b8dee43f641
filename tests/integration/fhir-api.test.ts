/**
 * /fhir/R4 reads and searches through the real route handlers: every capability the
 * CapabilityStatement lists is exercised here (and nothing it does not list), another clinic's
 * resources are 404/empty and audited, ETag/Last-Modified come from the row's version, paging
 * links work, API tokens and scoped bearer tokens are honoured.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bundle, CapabilityStatement, FhirResource, OperationOutcome, Subscription } from "fhir/r4";
import { GET as metadataRoute } from "@/app/fhir/R4/metadata/route";
import { GET as smartRoute } from "@/app/fhir/R4/.well-known/smart-configuration/route";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { auditEvents, messages } from "@/lib/db/schema";
import { submitCase, acknowledgeCase } from "@/lib/cases/lifecycle";
import { claimCase } from "@/lib/reviews/claims";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { registerBearerResolver } from "@/lib/fhir/auth";
import { actorOf, createPatient, createTenant, ctxOf, sessionCookie } from "../support/factories";
import { createLesion } from "@/lib/lesions/service";
import { answerAfterInfoRound, createDraftWithPhoto, runTriage } from "../support/referrals";
import { fhirGet, fhirInstance, fhirPost, readIdsOf } from "../support/fhir";

type World = Awaited<ReturnType<typeof build>>;

async function build() {
  const a = await createTenant();
  const b = await createTenant();
  const ref = ctxOf(a.referrer);
  const spec = ctxOf(a.specialist);
  const cookieA = (await sessionCookie(a.referrer)).cookie;
  const cookieB = (await sessionCookie(b.referrer)).cookie;
  const cookieSpec = (await sessionCookie(a.specialist)).cookie;
  const patient = await createPatient(a.clinic.id, { mrn: `FHIR-${Date.now()}` });
  const draft = await createDraftWithPhoto(ref, cookieA, patient.id, 3);
  await answerAfterInfoRound(ref, spec, draft.id, { diagnosis: "Benign naevus", diagnosisCode: "D22.5", plan: "Reassure", disposition: "reassure" });
  await acknowledgeCase(db, ref, draft.id);
  const held = await createDraftWithPhoto(ref, cookieA, patient.id, 4);
  await submitCase(db, ref, held.id);
  await runTriage(held.id);
  await claimCase(db, spec, held.id);
  const msgs = await db.select().from(messages).where(eq(messages.caseId, draft.id));
  const [photo] = (await fhirGet({ cookie: cookieA }, `/Media?based-on=ServiceRequest/${draft.id}`).then((r) => r.json())).entry.map((e: { resource: FhirResource }) => e.resource);
  const lesion = await createLesion(db, ref, patient.id, { label: "Mole on the forearm", bodySite: "14975008" });
  return { a, b, cookieA, cookieB, cookieSpec, patient, caseId: draft.id, heldId: held.id, messageId: msgs[0]!.id, photoId: photo.id as string, lesionId: lesion.id };
}

const json = async <T>(r: Response) => (await r.json()) as T;
const ids = (b: Bundle, type?: string) => (b.entry ?? []).filter((e) => !type || e.resource?.resourceType === type).map((e) => `${e.resource!.resourceType}/${e.resource!.id}`);

describe("FHIR API", () => {
  let w: World;
  beforeAll(async () => {
    w = await build();
  }, 60_000);

  it("metadata lists exactly the interactions exercised here, each of which works", async () => {
    const cs = await json<CapabilityStatement>(await metadataRoute(new Request("http://localhost:3000/fhir/R4/metadata")));
    expect(cs.fhirVersion).toBe("4.0.1");
    const oauth = cs.rest![0]!.security!.extension!.find((e) => e.url.endsWith("oauth-uris"));
    expect(oauth?.extension?.find((e) => e.url === "token")?.valueUri).toMatch(/\/oauth\/token$/);
    const readIds = readIdsOf(w);
    const searchValues: Record<string, string> = {
      identifier: w.patient.mrn,
      family: "Pat",
      birthdate: "ge1960-01-01",
      _id: "",
      status: "",
      _lastUpdated: "ge2020-01-01",
      patient: `Patient/${w.patient.id}`,
      owner: `Practitioner/${w.a.specialist.id}`,
      focus: `ServiceRequest/${w.caseId}`,
      "based-on": `ServiceRequest/${w.caseId}`,
    };
    const statusOf: Record<string, string> = { ServiceRequest: "completed", Task: "completed", DiagnosticReport: "final", Subscription: "active" };
    env.FHIR_SUBSCRIPTION_ORIGINS.push("http://127.0.0.1:9"); // as if configured so
    const subscribe = () =>
      fhirPost({ cookie: w.cookieA }, "/Subscription", {
        resourceType: "Subscription",
        status: "requested",
        reason: "Replies to the EHR",
        criteria: "DiagnosticReport?status=final",
        channel: { type: "rest-hook", endpoint: "http://127.0.0.1:9/fhir", payload: "application/fhir+json" },
      });
    readIds.Subscription = (await json<FhirResource>(await subscribe())).id!; // for read, search and update
    const exercised: string[] = [];
    let subscriptionId = "";
    for (const r of cs.rest![0]!.resource!) {
      for (const i of r.interaction!) {
        exercised.push(`${r.type}:${i.code}`);
        if (i.code === "read") {
          const res = await fhirGet({ cookie: w.cookieA }, `/${r.type}/${readIds[r.type]}`);
          expect(res.status, `${r.type} read`).toBe(200);
          expect((await json<FhirResource>(res)).resourceType).toBe(r.type);
        } else if (i.code === "search-type") {
          for (const p of r.searchParam ?? []) {
            exercised.push(`${r.type}?${p.name}`);
            const value = p.name === "_id" ? readIds[r.type]! : p.name === "status" ? statusOf[r.type]! : searchValues[p.name]!;
            const res = await fhirGet({ cookie: w.cookieA }, `/${r.type}?${p.name}=${encodeURIComponent(value)}`);
            expect(res.status, `${r.type}?${p.name}`).toBe(200);
            expect(ids(await json<Bundle>(res), r.type).length, `${r.type}?${p.name}`).toBeGreaterThan(0);
          }
          for (const inc of [...(r.searchInclude ?? []).map((x) => ["_include", x]), ...(r.searchRevInclude ?? []).map((x) => ["_revinclude", x])]) {
            exercised.push(`${r.type}&${inc[0]}=${inc[1]}`);
            const id = inc[1] === "Task:owner" ? w.heldId : readIds[r.type];
            const res = await fhirGet({ cookie: w.cookieA }, `/${r.type}?_id=${id}&${inc[0]}=${inc[1]}`);
            expect(res.status).toBe(200);
            const bundle = await json<Bundle>(res);
            expect(bundle.entry!.filter((e) => e.search?.mode === "include").length, `${r.type} ${inc[0]}=${inc[1]}`).toBeGreaterThan(0);
          }
        } else if (i.code === "create" && r.type === "Subscription") {
          const res = await subscribe();
          expect(res.status).toBe(201);
          subscriptionId = (await json<FhirResource>(res)).id!;
          expect((await fhirGet({ cookie: w.cookieA }, `/Subscription/${subscriptionId}`)).status).toBe(200);
        } else if (i.code === "update" && r.type === "Subscription") {
          const current = await json<Subscription>(await fhirGet({ cookie: w.cookieA }, `/Subscription/${readIds.Subscription}`));
          const res = await fhirInstance({ cookie: w.cookieA }, "PUT", `/Subscription/${current.id}`, { ...current, status: "active" });
          expect(res.status).toBe(200);
        } else if (i.code === "delete" && r.type === "Subscription") {
          expect(subscriptionId, "create is listed before delete").not.toBe("");
          expect((await fhirInstance({ cookie: w.cookieA }, "DELETE", `/Subscription/${subscriptionId}`)).status).toBe(204);
          expect((await fhirGet({ cookie: w.cookieA }, `/Subscription/${subscriptionId}`)).status).toBe(410);
        } else throw new Error(`metadata lists ${r.type}:${i.code}, which no test exercises`);
      }
      for (const op of r.operation ?? []) {
        exercised.push(`${r.type}$${op.name}`);
        const res = await fhirGet({ cookie: w.cookieA }, `/Patient/${w.patient.id}/$${op.name}`);
        expect(res.status).toBe(200);
        const types = new Set(ids(await json<Bundle>(res)).map((x) => x.split("/")[0]));
        for (const t of ["Patient", "ServiceRequest", "Task", "QuestionnaireResponse", "Media", "Communication", "DiagnosticReport", "Consent", "Organization", "Practitioner"]) expect(types.has(t), t).toBe(true);
      }
    }
    for (const i of cs.rest![0]!.interaction ?? []) {
      expect(i.code).toBe("transaction"); // exercised in fhir-ingest.test.ts
      exercised.push(`system:${i.code}`);
    }
    expect(exercised.length).toBeGreaterThan(40);
    const smart = await (await smartRoute(new Request("http://localhost:3000/fhir/R4/.well-known/smart-configuration"))).json();
    expect(smart.token_endpoint).toMatch(/\/oauth\/token$/);
  });

  it("another clinic's resources are 404 and audited; its searches are empty and audited", async () => {
    for (const path of [`/Patient/${w.patient.id}`, `/ServiceRequest/${w.caseId}`, `/Task/${w.caseId}`, `/Media/${w.photoId}`, `/Communication/${w.messageId}`, `/DiagnosticReport/${w.caseId}`, `/BodyStructure/${w.lesionId}`, `/Organization/${w.a.clinic.id}`, `/Patient/${w.patient.id}/$everything`]) {
      const res = await fhirGet({ cookie: w.cookieB }, path);
      expect(res.status, path).toBe(404);
      expect((await json<OperationOutcome>(res)).issue[0]!.code).toBe("not-found");
    }
    const denials = await db.select().from(auditEvents).where(and(eq(auditEvents.actorId, w.b.referrer.id), eq(auditEvents.outcome, "denied")));
    expect(denials.length).toBeGreaterThanOrEqual(8);
    for (const path of [`/Task?focus=ServiceRequest/${w.caseId}`, `/ServiceRequest?patient=Patient/${w.patient.id}`, `/Media?based-on=ServiceRequest/${w.caseId}`, `/Patient?identifier=${w.patient.mrn}`, `/DiagnosticReport?patient=${w.patient.id}`, `/Communication?based-on=${w.caseId}`]) {
      const res = await fhirGet({ cookie: w.cookieB }, path);
      expect(res.status, path).toBe(200);
      expect((await json<Bundle>(res)).entry, path).toEqual([]);
    }
    const searches = await db.select().from(auditEvents).where(and(eq(auditEvents.actorId, w.b.referrer.id), eq(auditEvents.action, "fhir.search")));
    expect(searches.length).toBeGreaterThanOrEqual(6);
  });

  it("reads are audited with the patient; ETag / Last-Modified from the row's version; If-None-Match → 304", async () => {
    const res = await fhirGet({ cookie: w.cookieA }, `/Task/${w.caseId}`);
    const task = await json<FhirResource>(res);
    expect(res.headers.get("etag")).toBe(`W/"${task.meta!.versionId}"`);
    expect(new Date(res.headers.get("last-modified")!).getTime()).toBe(Math.floor(new Date(task.meta!.lastUpdated!).getTime() / 1000) * 1000);
    const again = await fhirGet({ cookie: w.cookieA }, `/Task/${w.caseId}`, { "if-none-match": res.headers.get("etag")! });
    expect(again.status).toBe(304);
    const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.actorId, w.a.referrer.id), eq(auditEvents.action, "fhir.read"), eq(auditEvents.resourceId, w.caseId)));
    expect(rows.some((r) => r.patientId === w.patient.id)).toBe(true);
  });

  it("specialists see the submitted case, Task status mapping holds", async () => {
    const task = await json<{ status: string; businessStatus: { coding: { code: string }[] } }>(await fhirGet({ cookie: w.cookieSpec }, `/Task/${w.caseId}`));
    expect(task.status).toBe("completed");
    expect(task.businessStatus.coding[0]!.code).toBe("closed");
  });

  it("paging: _count and an opaque next link", async () => {
    const first = await json<Bundle>(await fhirGet({ cookie: w.cookieA }, `/Communication?based-on=ServiceRequest/${w.caseId}&_count=1`));
    expect(first.entry).toHaveLength(1);
    const next = first.link!.find((l) => l.relation === "next")!.url;
    const second = await json<Bundle>(await fhirGet({ cookie: w.cookieA }, next.replace(/^.*\/fhir\/R4/, "")));
    expect(second.entry).toHaveLength(1);
    expect(second.entry![0]!.resource!.id).not.toBe(first.entry![0]!.resource!.id);
    expect(second.link!.some((l) => l.relation === "next")).toBe(false);
  });

  it("unsupported search parameters and types are 400/404 OperationOutcomes, never 500", async () => {
    const r1 = await fhirGet({ cookie: w.cookieA }, `/Task?code=abc`);
    expect(r1.status).toBe(400);
    expect((await json<OperationOutcome>(r1)).issue[0]!.expression).toEqual(["code"]);
    expect((await fhirGet({ cookie: w.cookieA }, `/Observation?code=1`)).status).toBe(404);
    expect((await fhirGet({ cookie: w.cookieA }, `/Task?_page=garbage`)).status).toBe(400);
    expect((await fhirGet({ cookie: w.cookieA }, `/Task?_lastUpdated=yesterday`)).status).toBe(400);
    expect((await fhirGet({ cookie: w.cookieA }, `/Task/not-a-uuid`)).status).toBe(404);
    expect((await fhirGet({}, `/Task/${w.caseId}`)).status).toBe(401);
  });

  it("a referrer's API token works as a FHIR bearer token for their clinic", async () => {
    const issued = await issueApiToken(db, ctxOf(w.a.admin), { userId: w.a.referrer.id, name: "EHR" });
    expect((await fhirGet({ token: issued.token }, `/ServiceRequest/${w.caseId}`)).status).toBe(200);
    expect((await fhirGet({ token: "drt_not-a-token" }, `/ServiceRequest/${w.caseId}`)).status).toBe(401);
  });

  it("a scoped bearer token from a registered resolver is checked on every interaction", async () => {
    registerBearerResolver(async (token) => (token === "smart-test-token" ? { actor: actorOf(w.a.referrer), scopes: ["system/Task.rs"] } : null));
    expect((await fhirGet({ token: "smart-test-token" }, `/Task/${w.caseId}`)).status).toBe(200);
    expect((await fhirGet({ token: "smart-test-token" }, `/Task?status=completed`)).status).toBe(200);
    const denied = await fhirGet({ token: "smart-test-token" }, `/Patient/${w.patient.id}`);
    expect(denied.status).toBe(403);
    expect((await json<OperationOutcome>(denied)).issue[0]!.code).toBe("forbidden");
  });
});

