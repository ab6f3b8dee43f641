/**
 * The administration console's Integrations screen acting on live integrations: an admin
 * deactivates/reactivates a FHIR API client through the screen's server action, and lists and
 * stops FHIR Subscriptions. The listing shows every Subscription (whoever owns it) with the
 * endpoint's origin only and never a header; other roles are refused. Stop is the owner's DELETE
 * (tombstone, status off, headers dropped, deliveries skipped, later owner read 410), audited as
 * the admin's action.
 */
import { generateKeyPairSync } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Subscription } from "fhir/r4";
import { db } from "@/lib/db/client";
import { auditEvents, fhirSubscriptions, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { performAction } from "@/lib/http/action-core";
import { listFhirSubscriptionsEndpoint, stopFhirSubscriptionEndpoint, updateFhirClientEndpoint } from "@/lib/endpoints/smart";
import { listSubscriptionsForAdmin, stopSubscriptionAsAdmin } from "@/lib/fhir/subscription-admin";
import { deliverToSubscription } from "@/lib/fhir/subscription-delivery";
import { createFhirClient } from "@/lib/smart/fhir-clients";
import { createTenant, ctxOf, sessionCookie } from "../support/factories";
import { fhirGet, fhirInstance, fhirPost } from "../support/fhir";
import { queuedCase } from "../support/review-fixtures";

const ORIGIN = "http://127.0.0.1:9";
if (!env.FHIR_SUBSCRIPTION_ORIGINS.includes(ORIGIN)) env.FHIR_SUBSCRIPTION_ORIGINS.push(ORIGIN);

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

async function subscribe(cookie: string) {
  const res = await fhirPost({ cookie }, "/Subscription", {
    resourceType: "Subscription",
    status: "requested",
    reason: "Send replies to the EHR",
    criteria: "DiagnosticReport?status=final",
    channel: { type: "rest-hook", endpoint: `${ORIGIN}/hooks/dr?token=path-secret-123`, payload: "application/fhir+json", header: ["Authorization: Bearer header-secret-456"] },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Subscription;
}

async function client(clinicId: string, admin: Parameters<typeof ctxOf>[0]) {
  const jwk = generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({ format: "jwk" });
  return createFhirClient(db, ctxOf(admin), { name: `Integ client ${crypto.randomUUID().slice(0, 6)}`, clinicId, scopes: "system/Task.rs", jwks: { keys: [{ ...jwk, kid: "k1", alg: "ES384" }] } });
}

describe("admin integrations: FHIR API clients", () => {
  it("the screen's action deactivates and reactivates a client (its service user too), admins only", async () => {
    const t = await createTenant();
    const c = await client(t.clinic.id, t.admin);
    const { cookie } = await sessionCookie(t.admin);
    const off = await performAction(updateFhirClientEndpoint, new Headers({ cookie }), form({}), { input: () => ({ id: c.id, body: { active: false } }) });
    expect(off).toMatchObject({ ok: true, data: { id: c.id, active: false } });
    const [row] = await db.select({ active: users.active }).from(users).where(eq(users.email, `fhir-client-${c.id}@clients.dermrelay.invalid`));
    expect(row?.active).toBe(false);
    const on = await performAction(updateFhirClientEndpoint, new Headers({ cookie }), form({}), { input: () => ({ id: c.id, body: { active: true } }) });
    expect(on).toMatchObject({ ok: true, data: { active: true } });

    const referrer = (await sessionCookie(t.referrer)).cookie;
    const refused = await performAction(updateFhirClientEndpoint, new Headers({ cookie: referrer }), form({}), { input: () => ({ id: c.id, body: { active: false } }) });
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("admin integrations: FHIR Subscriptions", () => {
  it("an admin sees every Subscription with owner, clinic and the endpoint's origin only; the read is audited", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const sub = await subscribe((await sessionCookie(t.referrer)).cookie);
    const otherSub = await subscribe((await sessionCookie(other.referrer)).cookie);
    const c = await client(t.clinic.id, t.admin);
    const [serviceUser] = await db.select().from(users).where(eq(users.email, `fhir-client-${c.id}@clients.dermrelay.invalid`));
    const [clientSub] = await db
      .insert(fhirSubscriptions)
      .values({ ownerId: serviceUser!.id, ownerRole: "referrer", clinicId: t.clinic.id, criteria: "Task?status=completed", resourceType: "Task", endpoint: `${ORIGIN}/client/path`, reason: "x", status: "error", error: "HTTP 503" })
      .returning();

    const ctx = ctxOf(t.admin);
    const { items } = await listSubscriptionsForAdmin(db, ctx);
    const mine = items.find((i) => i.id === sub.id);
    expect(mine).toEqual({
      id: sub.id,
      ownerName: t.referrer.name,
      ownerKind: "user",
      clinicName: t.clinic.name,
      criteria: "DiagnosticReport?status=final",
      endpointOrigin: ORIGIN,
      status: "active",
      error: null,
      createdAt: expect.any(String),
    });
    expect(items.find((i) => i.id === otherSub.id)?.clinicName).toBe(other.clinic.name); // every clinic's
    expect(items.find((i) => i.id === clientSub!.id)).toMatchObject({ ownerName: c.name, ownerKind: "client", status: "error", error: "HTTP 503", endpointOrigin: ORIGIN });
    const text = JSON.stringify(items);
    for (const secret of ["path-secret-123", "header-secret-456", "/hooks/dr", "Authorization"]) expect(text).not.toContain(secret);

    const [audited] = await db.select().from(auditEvents).where(and(eq(auditEvents.requestId, ctx.requestId), eq(auditEvents.action, "fhir_subscription.list")));
    expect(audited).toMatchObject({ actorId: t.admin.id, outcome: "success" });

    // The server action the screen uses gives the same listing.
    const listed = await performAction(listFhirSubscriptionsEndpoint, new Headers({ cookie: (await sessionCookie(t.admin)).cookie }), form({}), { input: () => undefined });
    expect(listed.ok && listed.data.items.some((i) => i.id === sub.id)).toBe(true);
  });

  it("refuses anyone but an admin (403), in the service and through the action", async () => {
    const t = await createTenant();
    const sub = await subscribe((await sessionCookie(t.referrer)).cookie);
    for (const who of [t.referrer, t.specialist]) {
      await expect(listSubscriptionsForAdmin(db, ctxOf(who))).rejects.toMatchObject({ code: "forbidden" });
      await expect(stopSubscriptionAsAdmin(db, ctxOf(who), sub.id!)).rejects.toMatchObject({ code: "forbidden" });
      const { cookie } = await sessionCookie(who);
      expect(await performAction(listFhirSubscriptionsEndpoint, new Headers({ cookie }), form({}), { input: () => undefined })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await performAction(stopFhirSubscriptionEndpoint, new Headers({ cookie }), form({ id: sub.id! }))).toMatchObject({ ok: false, code: "forbidden" });
    }
    const [stored] = await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, sub.id!));
    expect(stored?.status).toBe("active"); // nothing changed
  });

  it("an admin's Stop is the owner's DELETE: off, headers dropped, deliveries skipped, owner's read 410, audited as the admin's", async () => {
    const t = await createTenant();
    const owner = (await sessionCookie(t.referrer)).cookie;
    const sub = await subscribe(owner);
    const c = await queuedCase(t);
    const { cookie } = await sessionCookie(t.admin);

    const stopped = await performAction(stopFhirSubscriptionEndpoint, new Headers({ cookie }), form({ id: sub.id! }));
    expect(stopped).toEqual({ ok: true, data: { id: sub.id, status: "deleted" } });
    const [stored] = await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, sub.id!));
    expect(stored).toMatchObject({ status: "off", headers: [] });
    expect(stored?.deletedAt).toBeInstanceOf(Date);
    expect(await deliverToSubscription(db, { subscriptionId: sub.id!, resourceType: "Task", resourceId: c.id }, { final: false })).toBe("skipped");

    const read = await fhirGet({ cookie: owner }, `/Subscription/${sub.id}`);
    expect(read.status).toBe(410);
    expect((await fhirInstance({ cookie: owner }, "DELETE", `/Subscription/${sub.id}`)).status).toBe(410);

    const [audited] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "fhir.subscription.delete"), eq(auditEvents.resourceId, sub.id!), eq(auditEvents.outcome, "success")));
    expect(audited).toMatchObject({ actorId: t.admin.id, actorRole: "admin", details: { criteria: "DiagnosticReport?status=final", by: "admin", ownerId: t.referrer.id } });

    const listed = (await listSubscriptionsForAdmin(db, ctxOf(t.admin))).items.find((i) => i.id === sub.id);
    expect(listed?.status).toBe("deleted");
    expect(await performAction(stopFhirSubscriptionEndpoint, new Headers({ cookie }), form({ id: sub.id! }))).toMatchObject({ ok: false, code: "conflict" });
    for (const id of ["not-a-uuid", crypto.randomUUID()]) {
      expect(await performAction(stopFhirSubscriptionEndpoint, new Headers({ cookie }), form({ id }))).toMatchObject({ ok: false, code: "not_found" });
    }
  });
});
