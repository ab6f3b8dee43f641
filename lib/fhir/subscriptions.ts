/**
 * R4 rest-hook Subscriptions on Task and DiagnosticReport (SPEC §12 "Reply out"). Creating one
 * checks the criteria (only what DermRelay can evaluate), the payload type and the endpoint: its
 * origin must be listed in FHIR_SUBSCRIPTION_ORIGINS, so a Subscription can never make DermRelay
 * call an arbitrary host (no SSRF). When a case changes, one outbox row is written
 * per matching Subscription in the same transaction as the change (subscription-match.ts); the
 * worker delivers it (subscription-delivery.ts).
 *
 * Management (R4 REST): search lists only the caller's own Subscriptions (search.ts), update may
 * only turn one back on (status requested/active; everything else must match what is stored),
 * delete turns it off at once and drops its headers; the row stays so a later read is 410 Gone.
 */
import type { Subscription } from "fhir/r4";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { fhirSubscriptions, SUBSCRIPTION_TYPES } from "../db/schema";
import { env } from "../env";
import { audit, auditDenial } from "../audit/record";
import type { AnyContext } from "../auth/actor";
import { Forbidden, NotFound } from "../errors";
import { requireScope } from "./auth";
import { STATUS_MAP } from "./codes";
import type { FhirContext } from "./http";
import { metaOf } from "./map/refs";
import { FhirError, invalidElements, issue } from "./outcome";
import { parseHeaderLine, sealHeader } from "./subscription-headers";
import { validateFhir } from "./validate";

type SubscriptionRow = typeof fhirSubscriptions.$inferSelect;
type SubscribedType = (typeof SUBSCRIPTION_TYPES)[number];

/** Search parameters a criteria string may use, per type. */
const CRITERIA_PARAMS: Record<SubscribedType, readonly string[]> = { Task: ["status"], DiagnosticReport: ["status"] };
const TASK_STATUSES = new Set(Object.values(STATUS_MAP).map((s) => s.task));

/** `Task?status=completed` → type and params; 422 naming Subscription.criteria otherwise. */
export function parseCriteria(criteria: string): { resourceType: SubscribedType; params: Record<string, string[]> } {
  const bad = (message: string) => invalidElements(422, [{ expression: "Subscription.criteria", message }]);
  const [type, query = ""] = criteria.split("?", 2);
  if (!(SUBSCRIPTION_TYPES as readonly string[]).includes(type!)) throw bad("Criteria must be on Task or DiagnosticReport");
  const resourceType = type as SubscribedType;
  const params: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    if (!CRITERIA_PARAMS[resourceType].includes(key)) throw bad(`Unsupported criteria parameter ${key.slice(0, 40)}`);
    const values = value.split(",").filter(Boolean);
    const known = resourceType === "Task" ? (v: string) => TASK_STATUSES.has(v as never) : (v: string) => v === "final";
    if (values.length === 0 || !values.every(known)) throw bad(`Unsupported ${key} value in criteria`);
    params[key] = [...(params[key] ?? []), ...values];
  }
  return { resourceType, params };
}

/** Whether DermRelay may call `endpoint`: http(s), no credentials, origin allow-listed. */
export function endpointAllowed(endpoint: string, allowed: readonly string[] = env.FHIR_SUBSCRIPTION_ORIGINS): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  if (url.username || url.password) return false;
  return allowed.includes(url.origin);
}

/** A Subscription is a few hundred bytes; anything near this is not one. */
export const MAX_SUBSCRIPTION_BYTES = 64 * 1024;

/** `body` as a Subscription that validates against R4; 400 naming the element otherwise. */
function subscriptionBody(body: unknown): Subscription {
  const s = body as Subscription;
  if (!s || typeof s !== "object" || s.resourceType !== "Subscription") {
    throw invalidElements(400, [{ expression: "Subscription", message: "The body must be a Subscription resource" }]);
  }
  const issues = validateFhir(s);
  if (issues.length) throw invalidElements(400, issues.map((i) => ({ expression: i.expression ?? "Subscription", message: i.message })));
  return s;
}

/** Create a Subscription for the caller; returns it as stored (status active). */
export async function createSubscription(db: Db, ctx: FhirContext, body: unknown): Promise<Subscription> {
  requireScope(ctx.scopes, "Subscription", "c");
  if (ctx.actor.role === "referrer" && !ctx.actor.clinicId) throw Forbidden();
  const s = subscriptionBody(body);
  const parsed = parseCriteria(s.criteria);
  if (s.channel.type !== "rest-hook") throw invalidElements(422, [{ expression: "Subscription.channel.type", message: "Only rest-hook channels are supported" }]);
  if (s.channel.payload && !/^application\/(fhir\+)?json/.test(s.channel.payload)) {
    throw invalidElements(422, [{ expression: "Subscription.channel.payload", message: "Only application/fhir+json payloads are supported" }]);
  }
  if (!s.channel.endpoint || !endpointAllowed(s.channel.endpoint)) {
    await auditDenial(ctx, { action: "fhir.subscription.create", resourceType: "Subscription", details: { reason: "endpoint origin not allowed" } });
    throw invalidElements(422, [{ expression: "Subscription.channel.endpoint", message: "The endpoint's origin is not in FHIR_SUBSCRIPTION_ORIGINS" }]);
  }
  const headers = (s.channel.header ?? []).map((line, i) => {
    const parsed = parseHeaderLine(line);
    if ("error" in parsed) throw invalidElements(422, [{ expression: `Subscription.channel.header[${i}]`, message: parsed.error }]);
    return sealHeader(parsed.name, parsed.value);
  });
  if (headers.length > 10) throw invalidElements(422, [{ expression: "Subscription.channel.header", message: "At most 10 headers" }]);
  const [row] = await db
    .insert(fhirSubscriptions)
    .values({
      ownerId: ctx.actor.id,
      ownerRole: ctx.actor.role,
      clinicId: ctx.actor.role === "referrer" ? ctx.actor.clinicId : null,
      criteria: s.criteria,
      resourceType: parsed.resourceType,
      params: parsed.params,
      endpoint: s.channel.endpoint,
      headers,
      reason: s.reason,
      endAt: s.end ? new Date(s.end) : null,
    })
    .returning();
  await audit(db, ctx, { action: "fhir.subscription.create", resourceType: "Subscription", resourceId: row!.id, details: { criteria: row!.criteria } });
  return toSubscription(row!);
}

/** Header values are never echoed (they usually carry the receiver's credentials). */
export function toSubscription(row: SubscriptionRow): Subscription {
  return {
    resourceType: "Subscription",
    id: row.id,
    meta: metaOf(row.updatedAt),
    status: row.status,
    reason: row.reason,
    criteria: row.criteria,
    ...(row.error ? { error: row.error } : {}),
    ...(row.endAt ? { end: row.endAt.toISOString() } : {}),
    channel: {
      type: "rest-hook",
      endpoint: row.endpoint,
      payload: "application/fhir+json",
      ...(row.headers.length ? { header: row.headers.map((h) => `${h.name}: ***`) } : {}),
    },
  };
}

const gone = (id: string) => new FhirError(410, [issue("deleted", `Subscription/${id} was deleted`)]);

/**
 * The caller's own Subscription row `id` (the visibility of read, update and delete: its owner);
 * anything else is an audited 404, a deleted one of the caller's a 410 Gone (R4 http.html#read).
 */
async function ownSubscription(db: Db, ctx: FhirContext, id: string, action: string): Promise<SubscriptionRow> {
  const [row] = z.string().uuid().safeParse(id).success ? await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, id)) : [];
  if (!row || row.ownerId !== ctx.actor.id) {
    await auditDenial(ctx, { action, resourceType: "Subscription", resourceId: id.slice(0, 64) });
    throw NotFound("Subscription not known");
  }
  if (row.deletedAt) throw gone(row.id);
  return row;
}

/** A Subscription of the caller's own; anything else is an audited 404. */
export async function readSubscription(db: Db, ctx: FhirContext, id: string): Promise<Subscription> {
  return toSubscription(await ownSubscription(db, ctx, id, "fhir.read"));
}

/** Statuses an update may set: both turn the Subscription (back) on. */
const UPDATABLE_STATUSES: readonly string[] = ["requested", "active"];
/** Elements the server owns: an update may carry them (a read's copy), they are not compared. */
const SERVER_OWNED = new Set(["resourceType", "id", "meta", "status", "error"]);

/** The elements of `sent` that differ from `stored` (both as toSubscription shapes them), as FHIRPath names. */
function changedElements(sent: Subscription, stored: Subscription): string[] {
  const norm = (s: Subscription) => ({
    ...s,
    ...(s.end ? { end: new Date(s.end).toISOString() } : {}),
    channel: { payload: "application/fhir+json", ...s.channel },
  });
  const a = norm(sent) as unknown as Record<string, unknown>;
  const b = norm(stored) as unknown as Record<string, unknown>;
  const differs = (x: unknown, y: unknown) => JSON.stringify(x) !== JSON.stringify(y);
  const keys = (...os: Record<string, unknown>[]) => [...new Set(os.flatMap((o) => Object.keys(o)))].sort();
  const changed: string[] = [];
  for (const k of keys(a, b)) {
    if (SERVER_OWNED.has(k)) continue;
    if (k === "channel") {
      const ca = a.channel as Record<string, unknown>;
      const cb = b.channel as Record<string, unknown>;
      for (const ck of keys(ca, cb)) if (differs(ca[ck], cb[ck])) changed.push(`Subscription.channel.${ck}`);
    } else if (differs(a[k], b[k])) changed.push(`Subscription.${k}`);
  }
  return changed;
}

/**
 * Update: only (re)activation. The body's `status` must be `requested` or `active` (stored as
 * active); every other element must equal what a read returns (headers as their masked form),
 * else 422 naming it. Resets the failure count and the error, so deliveries resume.
 */
export async function updateSubscription(db: Db, ctx: FhirContext, id: string, body: unknown): Promise<Subscription> {
  requireScope(ctx.scopes, "Subscription", "u");
  const s = subscriptionBody(body);
  if (s.id !== id) throw invalidElements(400, [{ expression: "Subscription.id", message: "The body's id must be the id in the URL" }]);
  const row = await ownSubscription(db, ctx, id, "fhir.subscription.update");
  const problems = changedElements(s, toSubscription(row)).map((expression) => ({ expression, message: "Only status may be changed by an update" }));
  if (!UPDATABLE_STATUSES.includes(s.status)) problems.unshift({ expression: "Subscription.status", message: "An update may only set status to requested or active (DELETE turns a Subscription off)" });
  if (problems.length) throw invalidElements(422, problems);
  if (!endpointAllowed(row.endpoint)) {
    throw invalidElements(422, [{ expression: "Subscription.channel.endpoint", message: "The endpoint's origin is not in FHIR_SUBSCRIPTION_ORIGINS" }]);
  }
  const [updated] = await db
    .update(fhirSubscriptions)
    .set({ status: "active", failures: 0, error: null, updatedAt: new Date() })
    .where(and(eq(fhirSubscriptions.id, row.id), isNull(fhirSubscriptions.deletedAt))) // a concurrent DELETE wins
    .returning();
  if (!updated) throw gone(row.id);
  await audit(db, ctx, { action: "fhir.subscription.update", resourceType: "Subscription", resourceId: row.id, details: { from: row.status, to: "active" } });
  return toSubscription(updated);
}

/**
 * Delete: status off at once (the matcher and the worker only act on active ones, so nothing more
 * is queued or sent), the sealed headers dropped (the receiver's credentials), the row kept as a
 * tombstone for 410 Gone. Deleting again is a 410 too.
 */
export async function deleteSubscription(db: Db, ctx: FhirContext, id: string): Promise<void> {
  requireScope(ctx.scopes, "Subscription", "d");
  await tombstoneSubscription(db, ctx, await ownSubscription(db, ctx, id, "fhir.subscription.delete"));
}

/**
 * What a DELETE does to `row`, audited as `ctx`'s action: the owner's DELETE above, or an
 * administrator's Stop (lib/fhir/subscription-admin.ts), which passes who owned it in `details`.
 */
export async function tombstoneSubscription(db: Db, ctx: AnyContext, row: SubscriptionRow, details: Record<string, unknown> = {}): Promise<void> {
  await db
    .update(fhirSubscriptions)
    .set({ status: "off", headers: [], deletedAt: new Date(), updatedAt: new Date() })
    .where(eq(fhirSubscriptions.id, row.id));
  await audit(db, ctx, { action: "fhir.subscription.delete", resourceType: "Subscription", resourceId: row.id, details: { criteria: row.criteria, ...details } });
}
