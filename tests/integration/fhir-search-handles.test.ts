/**
 * SPEC §9 "no PHI in URLs" for paging: a `POST [type]/_search` keeps its parameters out of the URL,
 * so its Bundle's self/next links name only an opaque, caller-bound handle (`_getpages`) for the
 * search stored server-side (lib/fhir/search-handles.ts). Following `next` runs the same search,
 * with the same scopes and the same `fhir.search` audit. Another caller gets 404, an expired
 * handle 410. GET searches keep their parameters in their links.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bundle } from "fhir/r4";
import * as typeRoute from "@/app/fhir/R4/[type]/route";
import * as instance from "@/app/fhir/R4/[type]/[id]/route";
import { db } from "@/lib/db/client";
import { auditEvents, fhirSearchHandles } from "@/lib/db/schema";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { registerBearerResolver } from "@/lib/fhir/auth";
import { MAX_SEARCH_HANDLES_PER_OWNER, purgeSearchHandles, searchHandleId } from "@/lib/fhir/search-handles";
import { validateFhir, warmValidators } from "@/lib/fhir/validate";
import { actorOf, createPatient, createTenant, createUser, ctxOf, params, sessionCookie } from "../support/factories";
import { expectOutcome } from "../support/fhir";
import { backendAccessToken, clientAssertion, registeredClient, tokenRequest } from "../support/smart-backend";

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let a: Tenant;
let token: string;
let sameUserOtherToken: string;
let colleagueToken: string;
let family: string;
const BIRTHDATE = "1931-07-19";
let patientIds: string[];

const form = "application/x-www-form-urlencoded";
const headersOf = (auth: { token?: string; cookie?: string }, requestId?: string): Record<string, string> => ({
  ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
  ...(auth.cookie ? { cookie: auth.cookie } : {}),
  ...(requestId ? { "x-request-id": requestId } : {}),
});

/** POST /Patient/_search with a form body. */
const postSearch = (body: string, auth: { token?: string } = { token }, requestId?: string) =>
  instance.POST(
    new Request("http://localhost:3000/fhir/R4/Patient/_search", { method: "POST", headers: { ...headersOf(auth, requestId), "content-type": form }, body }),
    params({ type: "Patient", id: "_search" }),
  );

/** GET a link the server gave (any `/fhir/R4/{type}?…` URL) through the type route, as a client following it would. */
const follow = (link: string, auth: { token?: string; cookie?: string } = { token }, requestId?: string) => {
  const url = new URL(link);
  const type = url.pathname.replace(/^\/fhir\/R4\//, "");
  return typeRoute.GET(new Request(`http://localhost:3000${url.pathname}${url.search}`, { headers: headersOf(auth, requestId) }), params({ type }));
};

const linkOf = (b: Bundle, relation: string) => b.link?.find((l) => l.relation === relation)?.url;
const handleOf = (link: string) => new URL(link).searchParams.get("_getpages")!;

const auditOf = (requestId: string) => db.select().from(auditEvents).where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.action, "fhir.search")));

/** Everything in a Bundle's links, for looking for parameter values. */
const linkText = (b: Bundle) => decodeURIComponent((b.link ?? []).map((l) => l.url).join(" "));

beforeAll(async () => {
  warmValidators();
  a = await createTenant();
  token = (await issueApiToken(db, ctxOf(a.admin), { userId: a.referrer.id, name: "EHR" })).token;
  sameUserOtherToken = (await issueApiToken(db, ctxOf(a.admin), { userId: a.referrer.id, name: "EHR 2" })).token;
  const colleague = await createUser("referrer", a.clinic.id);
  colleagueToken = (await issueApiToken(db, ctxOf(a.admin), { userId: colleague.id, name: "Colleague" })).token;
  family = `Quillfeather${crypto.randomUUID().slice(0, 6).replace(/[^a-z]/g, "q")}`;
  patientIds = [];
  for (const given of ["Ada", "Bea", "Cyd"]) patientIds.push((await createPatient(a.clinic.id, { familyName: family, givenName: given, birthDate: BIRTHDATE })).id);
}, 60_000);

describe("POST [type]/_search pages through a stored search", () => {
  it("links carry only an opaque handle; next gives page 2 of the same search, audited and valid; GET keeps its parameters", async () => {
    const first = crypto.randomUUID();
    const res = await postSearch(new URLSearchParams({ family, birthdate: BIRTHDATE, _count: "2" }).toString(), { token }, first);
    expect(res.status).toBe(200);
    const page1 = (await res.json()) as Bundle;
    expect(page1.entry!.map((e) => e.resource!.id)).toEqual(patientIds.slice(0, 2));

    // No parameter, name or value, anywhere in the links: only the handle (and the cursor on next).
    const text = linkText(page1);
    for (const phi of [family, BIRTHDATE, "1931", "family", "birthdate", "_count"]) expect(text).not.toContain(phi);
    const self = linkOf(page1, "self")!;
    const next = linkOf(page1, "next")!;
    expect(new URL(self).pathname).toBe("/fhir/R4/Patient");
    expect([...new URL(self).searchParams.keys()]).toEqual(["_getpages"]);
    expect([...new URL(next).searchParams.keys()]).toEqual(["_getpages", "_page"]);
    const handle = handleOf(next);
    expect(handle).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(handleOf(self)).toBe(handle);

    // Stored sealed: the row holds neither the handle nor the parameters in clear.
    const [row] = await db.select().from(fhirSearchHandles).where(eq(fhirSearchHandles.id, searchHandleId(handle)));
    expect(row?.ownerId).toBe(a.referrer.id);
    expect(row!.params!.toString("latin1")).not.toContain(family);
    expect(JSON.stringify(row)).not.toContain(handle);

    // Page 2: the remaining match, no further page, links still free of parameters.
    const second = crypto.randomUUID();
    const res2 = await follow(next, { token }, second);
    expect(res2.status).toBe(200);
    const page2 = (await res2.json()) as Bundle;
    expect(page2.entry!.map((e) => e.resource!.id)).toEqual(patientIds.slice(2));
    // The pages together are exactly the search's matches (the Bundle carries no `total`: keyset paging counts nothing).
    expect([...page1.entry!, ...page2.entry!].map((e) => e.resource!.id)).toEqual(patientIds);
    expect(page2.total).toBe(page1.total);
    expect(linkOf(page2, "next")).toBeUndefined();
    expect(handleOf(linkOf(page2, "self")!)).toBe(handle);
    for (const phi of [family, BIRTHDATE, "family", "birthdate"]) expect(linkText(page2)).not.toContain(phi);
    // Following self again gives page 1 again.
    const again = (await (await follow(self)).json()) as Bundle;
    expect(again.entry!.map((e) => e.resource!.id)).toEqual(patientIds.slice(0, 2));

    // Each page is audited as the search it is: the patients it returned, one search id for both.
    const [audit1] = await auditOf(first);
    const [audit2] = await auditOf(second);
    expect(audit2?.outcome).toBe("success");
    expect(audit2?.actorId).toBe(a.referrer.id);
    expect(audit2?.resourceType).toBe("Patient");
    expect(audit2?.patientId).toBe(patientIds[2]);
    expect((audit2?.details as { patientIds: string[] }).patientIds).toEqual(patientIds.slice(2));
    expect((audit1?.details as { patientIds: string[] }).patientIds.sort()).toEqual(patientIds.slice(0, 2).sort());
    expect((audit2?.details as { searchId: string }).searchId).toBe(searchHandleId(handle));
    expect((audit1?.details as { searchId: string }).searchId).toBe(searchHandleId(handle));

    // Both validators accept both pages.
    expect([...validateFhir(page1), ...validateFhir(page2)]).toEqual([]);

    // GET searches keep today's links: the client put the parameters in the URL itself.
    const viaGet = (await (await follow(`http://localhost:3000/fhir/R4/Patient?family=${family}&_count=2`)).json()) as Bundle;
    expect(new URL(linkOf(viaGet, "self")!).searchParams.get("family")).toBe(family);
    expect(new URL(linkOf(viaGet, "next")!).searchParams.get("family")).toBe(family);
    expect(new URL(linkOf(viaGet, "next")!).searchParams.has("_getpages")).toBe(false);
  }, 60_000);

  it("refuses the handle to any other caller (404, audited, nothing of the search shown), and to extra parameters", async () => {
    const page1 = (await (await postSearch(new URLSearchParams({ family, _count: "1" }).toString())).json()) as Bundle;
    const next = linkOf(page1, "next")!;
    const { cookie } = await sessionCookie(a.referrer);
    registerBearerResolver(async (t) => (t === "handles-smart-test" ? { actor: actorOf(a.referrer), scopes: ["system/Patient.rs"] } : null));
    const others: [string, { token?: string; cookie?: string }][] = [
      ["a colleague of the same clinic", { token: colleagueToken }],
      ["the same user with another API token", { token: sameUserOtherToken }],
      ["the same user signed in in a browser", { cookie }],
      ["a SMART client acting as the same user", { token: "handles-smart-test" }],
    ];
    for (const [who, auth] of others) {
      const requestId = crypto.randomUUID();
      const res = await follow(next, auth, requestId);
      const body = await expectOutcome(res, 404, "not-found");
      const text = JSON.stringify(body);
      for (const id of patientIds) expect(text, who).not.toContain(id);
      expect(text, who).not.toContain(family);
      const [row] = await auditOf(requestId);
      expect(row?.outcome, who).toBe("denied");
    }
    // The owner still pages it.
    expect((await follow(next)).status).toBe(200);
    // The same handle on another type, a made-up handle, or a handle plus parameters: refused.
    await expectOutcome(await follow(next.replace("/fhir/R4/Patient?", "/fhir/R4/Task?")), 404, "not-found");
    await expectOutcome(await follow(`http://localhost:3000/fhir/R4/Patient?_getpages=${"A".repeat(43)}`), 404, "not-found");
    await expectOutcome(await follow(`${next}&family=Other`), 400, "structure");
    // A scope-limited token needs the search scope on every page.
    registerBearerResolver(async (t) => (t === "handles-task-only" ? { actor: actorOf(a.referrer), scopes: ["system/Task.rs"], caller: "handles-task-only" } : null));
    await expectOutcome(await follow(next, { token: "handles-task-only" }), 403, "forbidden");
  }, 60_000);

  it("binds a SMART Backend Services handle to the client: its next token pages on, another client of the clinic gets 404", async () => {
    const scope = "system/Patient.rs";
    const { client, keys, alg } = await registeredClient(scope, "RS384", a);
    const tokenOf = async () => ((await (await tokenRequest(await clientAssertion(client.clientId, keys.privateKey, alg), scope)).json()) as { access_token: string }).access_token;
    const first = await tokenOf();
    // The client's service user is a referrer of the clinic, so the search finds the clinic's patients.
    const page1 = (await (await postSearch(new URLSearchParams({ family, _count: "2" }).toString(), { token: first })).json()) as Bundle;
    expect(page1.entry!.map((e) => e.resource!.id)).toEqual(patientIds.slice(0, 2));
    const next = linkOf(page1, "next")!;
    const renewed = await tokenOf();
    expect(renewed).not.toBe(first);
    const page2 = (await (await follow(next, { token: renewed })).json()) as Bundle;
    expect(page2.entry!.map((e) => e.resource!.id)).toEqual(patientIds.slice(2));
    await expectOutcome(await follow(next, { token: await backendAccessToken(a, scope) }), 404, "not-found");
  }, 60_000);

  it("answers 410 Gone once the handle expired (audited), 404 to others; maintenance drops the parameters, then the row", async () => {
    const page1 = (await (await postSearch(new URLSearchParams({ family, _count: "1" }).toString())).json()) as Bundle;
    const next = linkOf(page1, "next")!;
    const id = searchHandleId(handleOf(next));
    await db.update(fhirSearchHandles).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(fhirSearchHandles.id, id));
    const requestId = crypto.randomUUID();
    const gone = await expectOutcome(await follow(next, { token }, requestId), 410, "not-found");
    expect(gone.issue[0]!.diagnostics).toMatch(/expired/);
    const [row] = await auditOf(requestId);
    expect(row?.outcome).toBe("denied");
    // Another caller cannot tell an expired handle from an unknown one.
    await expectOutcome(await follow(next, { token: colleagueToken }), 404, "not-found");

    // Maintenance: the expired row keeps no parameters (still 410 to its owner); a day later it is gone (404).
    await purgeSearchHandles(db);
    const [kept] = await db.select().from(fhirSearchHandles).where(eq(fhirSearchHandles.id, id));
    expect(kept?.params).toBeNull();
    await expectOutcome(await follow(next), 410, "not-found");
    await db.update(fhirSearchHandles).set({ expiresAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(fhirSearchHandles.id, id));
    await purgeSearchHandles(db);
    expect(await db.select().from(fhirSearchHandles).where(eq(fhirSearchHandles.id, id))).toEqual([]);
    await expectOutcome(await follow(next), 404, "not-found");
  }, 60_000);

  it(`keeps at most ${MAX_SEARCH_HANDLES_PER_OWNER} handles per user, dropping the oldest`, async () => {
    const user = await createUser("referrer", a.clinic.id);
    const userToken = (await issueApiToken(db, ctxOf(a.admin), { userId: user.id, name: "Busy EHR" })).token;
    const old = Date.now() - 30 * 60_000;
    await db.insert(fhirSearchHandles).values(
      Array.from({ length: MAX_SEARCH_HANDLES_PER_OWNER }, (_, i) => ({
        id: `test-${user.id}-${i}`,
        ownerId: user.id,
        callerHash: "x",
        resourceType: "Patient",
        params: null,
        createdAt: new Date(old + i * 1000),
        expiresAt: new Date(old + 3600_000),
      })),
    );
    const res = await postSearch(new URLSearchParams({ family }).toString(), { token: userToken });
    expect(res.status).toBe(200);
    const rows = await db.select({ id: fhirSearchHandles.id }).from(fhirSearchHandles).where(eq(fhirSearchHandles.ownerId, user.id));
    expect(rows).toHaveLength(MAX_SEARCH_HANDLES_PER_OWNER);
    expect(rows.map((r) => r.id)).not.toContain(`test-${user.id}-0`);
    expect(rows.map((r) => r.id)).toContain(searchHandleId(handleOf(linkOf((await res.json()) as Bundle, "self")!)));
  });
});
