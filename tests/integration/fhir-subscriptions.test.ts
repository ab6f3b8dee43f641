/**
 * Reply out (SPEC §12): a rest-hook Subscription on DiagnosticReport receives the PUT when the
 * case is answered — through the outbox, the relay, BullMQ and the worker's processor — including
 * when the receiver was down for the first attempt; repeated failure sets status=error; an endpoint
 * outside FHIR_SUBSCRIPTION_ORIGINS is refused at creation; a claim through claim-next notifies
 * the same Subscriptions as a single claim. Managing them (R4 REST): search lists only the caller's
 * own, DELETE stops deliveries at once (a later read is 410 Gone), PUT may only turn an errored one
 * back on (deliveries resume), each under its SMART scope letter.
 */
import { Worker } from "bullmq";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bundle, DiagnosticReport, OperationOutcome, Subscription } from "fhir/r4";
import deliverFhirJob from "@/workers/processors/deliver-fhir";
import { POST as claimNextRoute } from "@/app/api/v1/queue/claim-next/route";
import { db } from "@/lib/db/client";
import { auditEvents, fhirSubscriptions, outbox } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createWorkerConnection } from "@/lib/queue/redis";
import { relayOutbox } from "@/lib/queue/relay";
import { deliverToSubscription } from "@/lib/fhir/subscription-delivery";
import { replyToCase } from "@/lib/reviews/consultation";
import { claimCase } from "@/lib/reviews/claims";
import { registerBearerResolver } from "@/lib/fhir/auth";
import { validateFhir, warmValidators } from "@/lib/fhir/validate";
import { actorOf, apiRequest, createTenant, createUser, ctxOf, params, sessionCookie } from "../support/factories";
import { fhirGet, fhirInstance, fhirPost } from "../support/fhir";
import { queuedCase } from "../support/review-fixtures";

type Received = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };

function receiver(port = 0): Promise<{ server: Server; port: number; got: Received[] }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/fhir+json" }).end("{}");
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port, got })));
}
const close = (s: Server) => new Promise<void>((r) => s.close(() => r()));

const workers: Worker[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
});

async function subscribe(cookie: string, endpoint: string, criteria: string) {
  return fhirPost({ cookie }, "/Subscription", {
    resourceType: "Subscription",
    status: "requested",
    reason: "Send replies to the EHR",
    criteria,
    channel: { type: "rest-hook", endpoint, payload: "application/fhir+json", header: ["Authorization: Bearer ehr-secret"] },
  });
}

describe("FHIR Subscriptions", () => {
  it("refuses an endpoint outside FHIR_SUBSCRIPTION_ORIGINS at creation (no SSRF)", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    for (const endpoint of ["http://169.254.169.254/latest", "https://evil.example/fhir", "file:///etc/passwd", "http://user:pw@127.0.0.1:1/x"]) {
      const res = await subscribe(cookie, endpoint, "DiagnosticReport?status=final");
      expect(res.status, endpoint).toBe(422);
      expect(((await res.json()) as OperationOutcome).issue[0]!.expression).toEqual(["Subscription.channel.endpoint"]);
    }
    env.FHIR_SUBSCRIPTION_ORIGINS.push("http://127.0.0.1:1");
    const cookieHeader = await fhirPost({ cookie }, "/Subscription", {
      resourceType: "Subscription", status: "requested", reason: "x", criteria: "Task",
      channel: { type: "rest-hook", endpoint: "http://127.0.0.1:1/x", header: ["Cookie: a=b"] },
    });
    expect(cookieHeader.status).toBe(422);
    expect(((await cookieHeader.json()) as OperationOutcome).issue[0]!.expression).toEqual(["Subscription.channel.header[0]"]);
    const bad = await subscribe(cookie, "http://127.0.0.1:1/x", "Observation?code=1");
    expect(bad.status).toBe(422);
    expect((await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.ownerId, t.referrer.id))).length).toBe(0);
  });

  it("PUTs the DiagnosticReport when the case is answered, also after the receiver was down", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    // Reserve a port, then close it: the receiver is "down" when the first attempt goes out.
    const probe = await receiver();
    await close(probe.server);
    const origin = `http://127.0.0.1:${probe.port}`;
    env.FHIR_SUBSCRIPTION_ORIGINS.push(origin);
    const created = await subscribe(cookie, `${origin}/ehr/fhir`, "DiagnosticReport?status=final");
    expect(created.status).toBe(201);
    const sub = (await created.json()) as Subscription;
    expect(sub.status).toBe("active");
    expect(sub.channel.header).toEqual(["Authorization: ***"]);
    const [stored] = await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, sub.id!));
    expect(JSON.stringify(stored!.headers)).not.toContain("ehr-secret"); // sealed at rest

    const c = await queuedCase(t);
    const spec = ctxOf(t.specialist);
    await claimCase(db, spec, c.id);
    await replyToCase(db, spec, c.id, { diagnosis: "Actinic keratosis", diagnosisCode: "L57.0", plan: "Cryotherapy", disposition: "manage_in_primary_care" });
    const rows = await db.select().from(outbox).where(eq(outbox.queue, "fhir"));
    expect(rows.filter((r) => r.payload.subscriptionId === sub.id)).toHaveLength(1);

    const attempts: string[] = [];
    const worker = new Worker("fhir", async (job) => {
      try {
        return await deliverFhirJob(job);
      } catch (err) {
        // Only this Subscription's deliveries: other files may leave notifications to unreachable endpoints.
        if ((job.data as { subscriptionId?: string }).subscriptionId === sub.id) attempts.push("failed");
        throw err;
      }
    }, { connection: createWorkerConnection(), prefix: env.QUEUE_PREFIX });
    workers.push(worker);
    while ((await relayOutbox(db)) > 0);
    for (let i = 0; i < 100 && attempts.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(attempts).toEqual(["failed"]);
    const [afterFailure] = await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, sub.id!));
    expect(afterFailure!.status).toBe("active");
    expect(afterFailure!.error).toBe("The endpoint could not be reached");

    const up = await receiver(probe.port); // back up before the retry (exponential backoff, 2 s)
    try {
      for (let i = 0; i < 150 && up.got.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(up.got).toHaveLength(1);
      const put = up.got[0]!;
      expect(put.method).toBe("PUT");
      expect(put.url).toBe(`/ehr/fhir/DiagnosticReport/${c.id}`);
      expect(put.headers.authorization).toBe("Bearer ehr-secret");
      expect(put.headers["content-type"]).toMatch(/application\/fhir\+json/);
      const report = JSON.parse(put.body) as DiagnosticReport;
      expect(report.status).toBe("final");
      expect(report.conclusionCode![0]!.coding![0]).toMatchObject({ system: "http://hl7.org/fhir/sid/icd-10-cm", code: "L57.0" });
      expect(Buffer.from(report.presentedForm![0]!.data!, "base64").subarray(0, 5).toString()).toBe("%PDF-");
      let healthy: { error: string | null } | undefined;
      for (let i = 0; i < 50 && healthy?.error !== null; i++) {
        [healthy] = await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, sub.id!));
        if (healthy?.error !== null) await new Promise((r) => setTimeout(r, 100));
      }
      expect(healthy!.error).toBeNull();
    } finally {
      await close(up.server);
    }
  });

  it("Task subscriptions follow the status; repeated failure sets status=error with the reason", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const probe = await receiver();
    await close(probe.server);
    const origin = `http://127.0.0.1:${probe.port}`;
    env.FHIR_SUBSCRIPTION_ORIGINS.push(origin);
    const sub = (await (await subscribe(cookie, origin, "Task?status=in-progress")).json()) as Subscription;
    const c = await queuedCase(t);
    await claimCase(db, ctxOf(t.specialist), c.id);
    const [row] = (await db.select().from(outbox).where(eq(outbox.queue, "fhir"))).filter((r) => r.payload.subscriptionId === sub.id);
    expect(row!.payload).toEqual({ subscriptionId: sub.id, resourceType: "Task", resourceId: c.id });

    const payload = { subscriptionId: sub.id!, resourceType: "Task" as const, resourceId: c.id };
    await expect(deliverToSubscription(db, payload, { final: false })).rejects.toThrow();
    await expect(deliverToSubscription(db, payload, { final: true })).rejects.toThrow();
    const [failed] = await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, sub.id!));
    expect(failed).toMatchObject({ status: "error", error: "The endpoint could not be reached", failures: 2 });

    const up = await receiver(probe.port);
    try {
      expect(await deliverToSubscription(db, payload, { final: false })).toBe("skipped"); // an errored subscription is off
      expect(up.got).toHaveLength(0);
    } finally {
      await close(up.server);
    }
  });

  it("claim-next notifies the same Task Subscriptions as a single claim (in-progress), and no others", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const origin = "http://127.0.0.1:1";
    env.FHIR_SUBSCRIPTION_ORIGINS.push(origin);
    const referrer = (await sessionCookie(t.referrer)).cookie;
    const create = async (cookie: string, criteria: string) => {
      const res = await subscribe(cookie, `${origin}/hook`, criteria);
      expect(res.status, criteria).toBe(201);
      return ((await res.json()) as Subscription).id!;
    };
    const inProgress = await create(referrer, "Task?status=in-progress");
    const anyTask = await create(referrer, "Task");
    const service = await create((await sessionCookie(t.specialist)).cookie, "Task");
    await create(referrer, "Task?status=completed");
    await create(referrer, "DiagnosticReport?status=final");
    const otherClinic = await create((await sessionCookie(other.referrer)).cookie, "Task?status=in-progress");
    const ended = await create(referrer, "Task?status=in-progress");
    await db.update(fhirSubscriptions).set({ endAt: new Date(Date.now() - 60_000) }).where(eq(fhirSubscriptions.id, ended));
    const ours = new Set([inProgress, anyTask, service, otherClinic, ended]);
    const notified = async (caseId: string) =>
      (await db.select().from(outbox).where(and(eq(outbox.queue, "fhir"), sql`${outbox.payload} ->> 'resourceId' = ${caseId}`)))
        .filter((r) => ours.has(r.payload.subscriptionId as string))
        .map((r) => r.payload)
        .sort((a, b) => String(a.subscriptionId).localeCompare(String(b.subscriptionId)));
    const expected = (caseId: string) =>
      [inProgress, anyTask, service].sort().map((subscriptionId) => ({ subscriptionId, resourceType: "Task", resourceId: caseId }));

    const single = await queuedCase(t);
    await claimCase(db, ctxOf(t.specialist), single.id);
    expect(await notified(single.id)).toEqual(expected(single.id));

    // Claim away what other tests left, then claim-next the one case at the head of the queue.
    const drainer = (await sessionCookie(await createUser("specialist"))).cookie;
    const claimNextAs = (cookie: string) => claimNextRoute(apiRequest("/api/v1/queue/claim-next", { cookie, method: "POST" }), params({}));
    while ((await claimNextAs(drainer)).status === 200);
    const c = await queuedCase(t, { priority: "urgent", dueInH: 1 });
    const res = await claimNextAs((await sessionCookie(t.specialist)).cookie);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(c.id);
    expect(await notified(c.id)).toEqual(expected(c.id));
  });
});

describe("managing FHIR Subscriptions (search, update, delete)", () => {
  beforeAll(() => warmValidators(), 60_000);
  const idsOf = (b: Bundle) => (b.entry ?? []).map((e) => e.resource!.id!);
  const created = async (cookie: string, endpoint: string, criteria = "Task") => {
    const res = await subscribe(cookie, endpoint, criteria);
    expect(res.status).toBe(201);
    return (await res.json()) as Subscription;
  };

  it("search lists only the caller's own Subscriptions, filters by status and _id, and the Bundle validates", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const origin = "http://127.0.0.1:1";
    env.FHIR_SUBSCRIPTION_ORIGINS.push(origin);
    const { cookie } = await sessionCookie(t.referrer);
    const mine = [await created(cookie, `${origin}/a`), await created(cookie, `${origin}/b`, "DiagnosticReport?status=final")];
    const theirs = await created((await sessionCookie(other.referrer)).cookie, `${origin}/c`);
    await db.update(fhirSubscriptions).set({ status: "error", error: "The endpoint answered HTTP 500" }).where(eq(fhirSubscriptions.id, mine[1]!.id!));

    const res = await fhirGet({ cookie }, "/Subscription");
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as Bundle;
    expect(bundle.type).toBe("searchset");
    expect(idsOf(bundle).sort()).toEqual(mine.map((m) => m.id!).sort());
    expect(bundle.entry!.every((e) => e.search?.mode === "match" && e.fullUrl?.endsWith(`/Subscription/${e.resource!.id}`))).toBe(true);
    expect(JSON.stringify(bundle)).not.toContain("ehr-secret");
    expect(validateFhir(bundle)).toEqual([]); // both validators (@medplum/core and `fhir`)

    const ids = async (query: string) => idsOf((await (await fhirGet({ cookie }, `/Subscription?${query}`)).json()) as Bundle);
    expect(await ids("status=error")).toEqual([mine[1]!.id]);
    expect(await ids("status=active")).toEqual([mine[0]!.id]);
    expect(await ids(`_id=${theirs.id}`)).toEqual([]); // another clinic's: never seen
    expect(await ids(`_id=${mine[0]!.id}`)).toEqual([mine[0]!.id]);
    expect((await fhirGet({ cookie }, "/Subscription?criteria=Task")).status).toBe(400); // unsupported parameter, not ignored
    const [row] = await db.select().from(auditEvents).where(and(eq(auditEvents.actorId, t.referrer.id), eq(auditEvents.action, "fhir.search"), eq(auditEvents.resourceType, "Subscription")));
    expect(row?.outcome).toBe("success");
  });

  it("DELETE answers 204, is audited, stops deliveries at once; a later read is 410 Gone; another clinic's is 404", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const up = await receiver();
    try {
      const origin = `http://127.0.0.1:${up.port}`;
      env.FHIR_SUBSCRIPTION_ORIGINS.push(origin);
      const { cookie } = await sessionCookie(t.referrer);
      const sub = await created(cookie, origin);
      const c = await queuedCase(t);
      const payload = { subscriptionId: sub.id!, resourceType: "Task" as const, resourceId: c.id };
      expect(await deliverToSubscription(db, payload, { final: false })).toBe("sent"); // it works before the delete
      expect(up.got).toHaveLength(1);

      const otherCookie = (await sessionCookie(other.referrer)).cookie;
      expect((await fhirInstance({ cookie: otherCookie }, "DELETE", `/Subscription/${sub.id}`)).status).toBe(404);
      const del = await fhirInstance({ cookie }, "DELETE", `/Subscription/${sub.id}`);
      expect(del.status).toBe(204);
      const [audited] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "fhir.subscription.delete"), eq(auditEvents.resourceId, sub.id!), eq(auditEvents.outcome, "success")));
      expect(audited?.actorId).toBe(t.referrer.id);
      const [denied] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "fhir.subscription.delete"), eq(auditEvents.resourceId, sub.id!), eq(auditEvents.outcome, "denied")));
      expect(denied?.actorId).toBe(other.referrer.id); // the other clinic's attempt
      const [stored] = await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, sub.id!));
      expect(stored).toMatchObject({ status: "off", headers: [] }); // the receiver's credentials are dropped

      // Already queued notifications are skipped, and new changes queue none.
      expect(await deliverToSubscription(db, payload, { final: false })).toBe("skipped");
      await claimCase(db, ctxOf(t.specialist), c.id);
      expect((await db.select().from(outbox).where(eq(outbox.queue, "fhir"))).filter((r) => r.payload.subscriptionId === sub.id)).toHaveLength(0);
      expect(up.got).toHaveLength(1);

      const read = await fhirGet({ cookie }, `/Subscription/${sub.id}`);
      expect(read.status).toBe(410);
      expect(((await read.json()) as OperationOutcome).issue[0]!.code).toBe("deleted");
      expect((await fhirGet({ cookie: otherCookie }, `/Subscription/${sub.id}`)).status).toBe(404); // no tombstone for others
      expect((await fhirInstance({ cookie }, "DELETE", `/Subscription/${sub.id}`)).status).toBe(410);
      expect(idsOf((await (await fhirGet({ cookie }, `/Subscription?_id=${sub.id}`)).json()) as Bundle)).toEqual([]);
    } finally {
      await close(up.server);
    }
  });

  it("PUT with status active re-activates an errored Subscription (failures reset, deliveries resume); other changes are 422", async () => {
    const t = await createTenant();
    const probe = await receiver();
    await close(probe.server);
    const origin = `http://127.0.0.1:${probe.port}`;
    env.FHIR_SUBSCRIPTION_ORIGINS.push(origin);
    const { cookie } = await sessionCookie(t.referrer);
    const sub = await created(cookie, origin);
    const c = await queuedCase(t);
    const payload = { subscriptionId: sub.id!, resourceType: "Task" as const, resourceId: c.id };
    await expect(deliverToSubscription(db, payload, { final: true })).rejects.toThrow();
    const errored = (await (await fhirGet({ cookie }, `/Subscription/${sub.id}`)).json()) as Subscription;
    expect(errored).toMatchObject({ status: "error", error: "The endpoint could not be reached" });

    const put = (body: unknown, auth: { cookie?: string; token?: string } = { cookie }) => fhirInstance(auth, "PUT", `/Subscription/${sub.id}`, body);
    const refused = async (body: unknown, status: number, expression: string) => {
      const res = await put(body);
      expect(res.status, expression).toBe(status);
      expect(((await res.json()) as OperationOutcome).issue.map((i) => i.expression?.[0]), expression).toContain(expression);
    };
    await refused({ ...errored, status: "active", reason: "Something else" }, 422, "Subscription.reason");
    await refused({ ...errored, status: "active", channel: { ...errored.channel, endpoint: `${origin}/elsewhere` } }, 422, "Subscription.channel.endpoint");
    await refused({ ...errored, status: "active", channel: { ...errored.channel, header: ["Authorization: Bearer new"] } }, 422, "Subscription.channel.header");
    await refused({ ...errored, status: "off" }, 422, "Subscription.status");
    await refused({ ...errored, id: crypto.randomUUID(), status: "active" }, 400, "Subscription.id");
    const other = await createTenant();
    expect((await put({ ...errored, status: "active" }, { cookie: (await sessionCookie(other.referrer)).cookie })).status).toBe(404);
    const [stillErrored] = await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, sub.id!));
    expect(stillErrored).toMatchObject({ status: "error", failures: 1 }); // nothing changed by the refusals

    const res = await put({ ...errored, status: "requested" }); // the body a read returned, status turned back on
    expect(res.status).toBe(200);
    const back = (await res.json()) as Subscription;
    expect(back.status).toBe("active");
    expect(back.error).toBeUndefined();
    const [row] = await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, sub.id!));
    expect(row).toMatchObject({ status: "active", failures: 0, error: null });
    const [audited] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "fhir.subscription.update"), eq(auditEvents.resourceId, sub.id!), eq(auditEvents.outcome, "success")));
    expect(audited?.details).toEqual({ from: "error", to: "active" });

    const up = await receiver(probe.port);
    try {
      await claimCase(db, ctxOf(t.specialist), c.id); // a new change is queued for it again …
      expect((await db.select().from(outbox).where(eq(outbox.queue, "fhir"))).filter((r) => r.payload.subscriptionId === sub.id)).toHaveLength(1);
      expect(await deliverToSubscription(db, payload, { final: false })).toBe("sent"); // … and delivered
      expect(up.got.length).toBeGreaterThan(0);
      expect(new Set(up.got.map((g) => `${g.method} ${g.url}`))).toEqual(new Set([`PUT /Task/${c.id}`]));
      expect(up.got[0]!.headers.authorization).toBe("Bearer ehr-secret"); // the sealed header survived
    } finally {
      await close(up.server);
    }
  });

  it("each interaction needs its SMART scope letter: c create, s search, u update, d delete", async () => {
    const t = await createTenant();
    const origin = "http://127.0.0.1:1";
    env.FHIR_SUBSCRIPTION_ORIGINS.push(origin);
    const tokens: Record<string, string[]> = { "subs-scope-all": ["system/Subscription.cruds"], "subs-scope-cr": ["system/Subscription.cr"], "subs-scope-rs": ["system/Subscription.rs"] };
    registerBearerResolver(async (token) => (tokens[token] ? { actor: actorOf(t.referrer), scopes: tokens[token]! } : null));
    const body = { resourceType: "Subscription", status: "requested", reason: "Replies", criteria: "Task", channel: { type: "rest-hook", endpoint: `${origin}/x` } };
    expect((await fhirPost({ token: "subs-scope-rs" }, "/Subscription", body)).status).toBe(403);
    const res = await fhirPost({ token: "subs-scope-cr" }, "/Subscription", body);
    expect(res.status).toBe(201);
    const sub = (await res.json()) as Subscription;
    const forbidden = async (r: Response) => {
      expect(r.status).toBe(403);
      expect(((await r.json()) as OperationOutcome).issue[0]!.code).toBe("forbidden");
    };
    await forbidden(await fhirGet({ token: "subs-scope-cr" }, "/Subscription"));
    await forbidden(await fhirInstance({ token: "subs-scope-cr" }, "PUT", `/Subscription/${sub.id}`, { ...sub, status: "active" }));
    await forbidden(await fhirInstance({ token: "subs-scope-rs" }, "DELETE", `/Subscription/${sub.id}`));
    expect(idsOf((await (await fhirGet({ token: "subs-scope-rs" }, "/Subscription")).json()) as Bundle)).toEqual([sub.id]);
    expect((await fhirInstance({ token: "subs-scope-all" }, "PUT", `/Subscription/${sub.id}`, { ...sub, status: "active" })).status).toBe(200);
    expect((await fhirInstance({ token: "subs-scope-all" }, "DELETE", `/Subscription/${sub.id}`)).status).toBe(204);
  });
});
