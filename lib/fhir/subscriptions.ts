/**
 * R4 rest-hook Subscriptions on Task and DiagnosticReport (SPEC §12 "Reply out"). Creating one
 * checks the criteria (only what DermRelay can evaluate), the payload type and the endpoint: its
 * origin must be listed in FHIR_SUBSCRIPTION_ORIGINS, so a Subscription can never make DermRelay
 * call an arbitrary host (no SSRF). When a case changes, one outbox row is written
 * per matching Subscription in the same transaction as the change (subscription-match.ts); the
 * worker delivers it (subscription-delivery.ts).
 */
import type { Subscription } from "fhir/r4";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { fhirSubscriptions, SUBSCRIPTION_TYPES } from "../db/schema";
import { env } from "../env";
import { audit, auditDenial } from "../audit/record";
import { Forbidden, NotFound } from "../errors";
import { requireScope } from "./auth";
import { STATUS_MAP } from "./codes";
import type { FhirContext } from "./http";
import { metaOf } from "./map/refs";
import { invalidElements } from "./outcome";
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

/** Create a Subscription for the caller; returns it as stored (status active). */
export async function createSubscription(db: Db, ctx: FhirContext, body: unknown): Promise<Subscription> {
  requireScope(ctx.scopes, "Subscription", "c");
  if (ctx.actor.role === "referrer" && !ctx.actor.clinicId) throw Forbidden();
  const s = body as Subscription;
  if (!s || typeof s !== "object" || s.resourceType !== "Subscription") {
    throw invalidElements(400, [{ expression: "Subscription", message: "The body must be a Subscription resource" }]);
  }
  const issues = validateFhir(s);
  if (issues.length) throw invalidElements(400, issues.map((i) => ({ expression: i.expression ?? "Subscription", message: i.message })));
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

/** A Subscription of the caller's own; anything else is an audited 404. */
export async function readSubscription(db: Db, ctx: FhirContext, id: string): Promise<Subscription> {
  const [row] = z.string().uuid().safeParse(id).success ? await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, id)) : [];
  if (!row || row.ownerId !== ctx.actor.id) {
    await auditDenial(ctx, { action: "fhir.read", resourceType: "Subscription", resourceId: id.slice(0, 64) });
    throw NotFound("Subscription not known");
  }
  return toSubscription(row);
}
