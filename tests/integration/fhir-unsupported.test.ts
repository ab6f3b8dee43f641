/**
 * SPEC §12 "every error is an OperationOutcome": methods a /fhir/R4 path does not support answer
 * 405 with Allow, paths it does not serve (history, deeper) 404 not-found — FHIR JSON, audited as
 * denied for a known caller, 401 for an anonymous one. And `POST [type]/_search` with a form body
 * (SPEC §9: search parameters stay out of URLs) runs the same search, scopes and audit as GET.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bundle } from "fhir/r4";
import * as system from "@/app/fhir/R4/route";
import * as typeRoute from "@/app/fhir/R4/[type]/route";
import * as instance from "@/app/fhir/R4/[type]/[id]/route";
import * as operation from "@/app/fhir/R4/[type]/[id]/[operation]/route";
import * as deeper from "@/app/fhir/R4/[type]/[id]/[operation]/[...rest]/route";
import * as metadata from "@/app/fhir/R4/metadata/route";
import { db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { registerBearerResolver } from "@/lib/fhir/auth";
import { MAX_SEARCH_FORM_BYTES } from "@/lib/fhir/body";
import { actorOf, createPatient, createTenant, ctxOf, params } from "../support/factories";
import { expectOutcome } from "../support/fhir";

const base = "http://localhost:3000/fhir/R4";
type Tenant = Awaited<ReturnType<typeof createTenant>>;
let a: Tenant;
let token: string;
let mrn: string;
let patientId: string;

const req = (path: string, init: { method?: string; token?: string | null; body?: string; type?: string; requestId?: string } = {}) =>
  new Request(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? token}` }),
      ...(init.type ? { "content-type": init.type } : {}),
      ...(init.requestId ? { "x-request-id": init.requestId } : {}),
    },
    body: init.body,
  });

beforeAll(async () => {
  a = await createTenant();
  token = (await issueApiToken(db, ctxOf(a.admin), { userId: a.referrer.id, name: "EHR" })).token;
  mrn = `UNSUP-${Date.now()}`;
  patientId = (await createPatient(a.clinic.id, { mrn })).id;
});

describe("unsupported FHIR interactions", () => {
  it("answers 405 OperationOutcome with a truthful Allow for every method a path does not support, audited as denied", async () => {
    const id = patientId;
    const cases: [string, (r: Request) => Promise<Response>, string][] = [
      ["PUT", (r) => instance.PUT(r, params({ type: "Patient", id })), "GET"],
      ["DELETE", (r) => instance.DELETE(r, params({ type: "Patient", id })), "GET"],
      ["PATCH", (r) => instance.PATCH(r, params({ type: "Patient", id })), "GET"],
      ["POST", (r) => instance.POST(r, params({ type: "Patient", id })), "GET"],
      ["PUT", (r) => typeRoute.PUT(r, params({ type: "Patient" })), "GET, POST"],
      ["DELETE", (r) => typeRoute.DELETE(r, params({ type: "Patient" })), "GET, POST"],
      ["GET", (r) => system.GET(r, params({})), "POST"],
      ["DELETE", (r) => system.DELETE(r, params({})), "POST"],
      ["POST", (r) => operation.POST(r, params({ type: "Patient", id, operation: "$everything" })), "GET"],
      // Subscription instances also take update and delete (fhir-subscriptions.test.ts); the rest is 405.
      ["PATCH", (r) => instance.PATCH(r, params({ type: "Subscription", id })), "GET, PUT, DELETE"],
      ["POST", (r) => instance.POST(r, params({ type: "Subscription", id })), "GET, PUT, DELETE"],
      ["PUT", (r) => typeRoute.PUT(r, params({ type: "Subscription" })), "GET, POST"],
      ["DELETE", (r) => typeRoute.DELETE(r, params({ type: "Subscription" })), "GET, POST"],
    ];
    for (const [method, call, allow] of cases) {
      const requestId = crypto.randomUUID();
      const res = await call(req(`/Patient/${id}`, { method, requestId, type: "application/fhir+json", body: method === "GET" || method === "DELETE" ? undefined : "{}" }));
      await expectOutcome(res, 405, "not-supported");
      expect(res.headers.get("allow"), `${method} → Allow`).toBe(allow);
      const [row] = await db.select().from(auditEvents).where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.action, "fhir.unsupported")));
      expect(row?.outcome, method).toBe("denied");
      expect(row?.actorId).toBe(a.referrer.id);
    }
    // Public endpoints: 405 too, nobody to audit. OPTIONS lists only what is supported.
    const pub = await metadata.PUT(new Request(`${base}/metadata`, { method: "PUT" }), params({}));
    await expectOutcome(pub, 405, "not-supported");
    expect(pub.headers.get("allow")).toBe("GET");
    expect((await instance.OPTIONS(new Request(`${base}/Patient/${id}`, { method: "OPTIONS" }), params({ type: "Patient", id }))).headers.get("allow")).toBe("GET, OPTIONS");
    const subOptions = await instance.OPTIONS(new Request(`${base}/Subscription/${id}`, { method: "OPTIONS" }), params({ type: "Subscription", id }));
    expect(subOptions.headers.get("allow")).toBe("GET, PUT, DELETE, OPTIONS");
  });

  it("answers 404 not-found OperationOutcome for paths it does not serve (history, deeper paths), audited", async () => {
    for (const [method, rest] of [["GET", ["1"]], ["GET", ["1", "x", "y"]], ["PUT", ["1"]]] as const) {
      const requestId = crypto.randomUUID();
      const res = await deeper[method](req(`/Patient/${patientId}/_history/${rest.join("/")}`, { method, requestId }), params({ type: "Patient", id: patientId, operation: "_history", rest: [...rest] }));
      await expectOutcome(res, 404, "not-found");
      const [row] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
      expect(row?.outcome).toBe("denied");
    }
    // Instance history (three segments) is not supported either: an OperationOutcome, not HTML.
    await expectOutcome(await operation.GET(req(`/Patient/${patientId}/_history`), params({ type: "Patient", id: patientId, operation: "_history" })), 404, "not-found");
  });

  it("anonymous callers get a 401 OperationOutcome, nothing audited as theirs", async () => {
    const res = await instance.PUT(req(`/Patient/${patientId}`, { method: "PUT", token: null }), params({ type: "Patient", id: patientId }));
    await expectOutcome(res, 401, "login");
    const res2 = await deeper.GET(req(`/Patient/${patientId}/_history/1`, { token: null }), params({ type: "Patient", id: patientId, operation: "_history", rest: ["1"] }));
    await expectOutcome(res2, 401, "login");
  });
});

describe("POST [type]/_search", () => {
  const form = "application/x-www-form-urlencoded";
  const post = (body: string, init: { token?: string; type?: string; requestId?: string } = {}) =>
    instance.POST(req("/Patient/_search", { method: "POST", type: init.type ?? form, body, token: init.token, requestId: init.requestId }), params({ type: "Patient", id: "_search" }));

  it("runs the same search as GET with the parameters in the form body, audited as fhir.search", async () => {
    const requestId = crypto.randomUUID();
    const res = await post(new URLSearchParams({ identifier: mrn }).toString(), { requestId });
    expect(res.status).toBe(200);
    const viaPost = (await res.json()) as Bundle;
    const viaGet = (await (await typeRoute.GET(req(`/Patient?identifier=${mrn}`), params({ type: "Patient" }))).json()) as Bundle;
    expect(viaPost.type).toBe("searchset");
    expect(viaPost.entry!.map((e) => e.resource!.id)).toEqual([patientId]);
    expect(viaPost.entry!.map((e) => e.resource!.id)).toEqual(viaGet.entry!.map((e) => e.resource!.id));
    const [row] = await db.select().from(auditEvents).where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.action, "fhir.search")));
    expect(row?.patientId).toBe(patientId);
    // GET [type]/_search is the same search too.
    const viaGetSearch = (await (await instance.GET(req(`/Patient/_search?identifier=${mrn}`), params({ type: "Patient", id: "_search" }))).json()) as Bundle;
    expect(viaGetSearch.entry!.map((e) => e.resource!.id)).toEqual([patientId]);
  });

  it("refuses a non-form body (415), an oversized form (413), unknown types (404) and honours scopes (403)", async () => {
    await expectOutcome(await post(JSON.stringify({ identifier: mrn }), { type: "application/json" }), 415, "not-supported");
    await expectOutcome(await post(`identifier=${"x".repeat(MAX_SEARCH_FORM_BYTES + 1)}`), 413, "too-costly");
    await expectOutcome(await instance.POST(req("/Organization/_search", { method: "POST", type: form, body: "" }), params({ type: "Organization", id: "_search" })), 404, "not-found");
    registerBearerResolver(async (t) => (t === "smart-unsupported-test" ? { actor: actorOf(a.referrer), scopes: ["system/Task.rs"] } : null));
    await expectOutcome(await post(`identifier=${mrn}`, { token: "smart-unsupported-test" }), 403, "forbidden");
  });
});
