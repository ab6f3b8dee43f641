/**
 * FHIR Subscriptions as the administration console sees them (Integrations screen): every one,
 * whoever owns it, so a service manager can see which receiving systems DermRelay pushes to and
 * stop one that is compromised or obsolete. Administrators only (checked here, next to the data).
 *
 * The listing carries what an admin needs and nothing more: the owner (its FHIR API client's name
 * or the user's), the clinic, the criteria, the endpoint's ORIGIN only (a path or query may carry a
 * token) and never a channel header (those carry the receiver's credentials), status, the last
 * delivery error and when it was created. Reading it is audited.
 *
 * Stop is exactly the owner's FHIR DELETE (`tombstoneSubscription`: status off, headers dropped,
 * row kept so the owner's later read is 410 Gone), audited as the administrator's action.
 */
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { clinics, fhirClients, fhirSubscriptions, users } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { requireAdmin } from "../auth/guard";
import { audit } from "../audit/record";
import { Conflict, NotFound } from "../errors";
import { tombstoneSubscription } from "./subscriptions";

export type AdminSubscriptionDto = {
  id: string;
  ownerName: string;
  ownerKind: "client" | "user";
  clinicName: string | null;
  criteria: string;
  endpointOrigin: string;
  /** The stored status, or `deleted` once its owner deleted it or an admin stopped it. */
  status: "active" | "requested" | "error" | "off" | "deleted";
  error: string | null;
  createdAt: string;
};

/** Newest first; deleted ones stay listed (as `deleted`) so a Stop is visible afterwards. */
const LIMIT = 200;

function originOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return "(not a URL)";
  }
}

export async function listSubscriptionsForAdmin(db: Db, ctx: RequestContext): Promise<{ items: AdminSubscriptionDto[] }> {
  requireAdmin(ctx.actor);
  const rows = await db
    .select({ s: fhirSubscriptions, userName: users.name, clientName: fhirClients.name, clinicName: clinics.name })
    .from(fhirSubscriptions)
    .innerJoin(users, eq(users.id, fhirSubscriptions.ownerId))
    .leftJoin(fhirClients, eq(fhirClients.serviceUserId, fhirSubscriptions.ownerId))
    .leftJoin(clinics, eq(clinics.id, users.clinicId))
    .orderBy(desc(fhirSubscriptions.createdAt), desc(fhirSubscriptions.id))
    .limit(LIMIT);
  const items = rows.map(({ s, userName, clientName, clinicName }): AdminSubscriptionDto => ({
    id: s.id,
    ownerName: clientName ?? userName,
    ownerKind: clientName ? "client" : "user",
    clinicName,
    criteria: s.criteria,
    endpointOrigin: originOf(s.endpoint),
    status: s.deletedAt ? "deleted" : s.status,
    error: s.error,
    createdAt: s.createdAt.toISOString(),
  }));
  await audit(db, ctx, { action: "fhir_subscription.list", resourceType: "Subscription", details: { count: items.length } });
  return { items };
}

/** Stop `id` as an administrator: the owner's DELETE, audited as the admin's. */
export async function stopSubscriptionAsAdmin(db: Db, ctx: RequestContext, id: string): Promise<{ id: string; status: "deleted" }> {
  requireAdmin(ctx.actor);
  const [row] = z.string().uuid().safeParse(id).success ? await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, id)) : [];
  if (!row) throw NotFound("Subscription not found");
  if (row.deletedAt) throw Conflict("This Subscription is already stopped");
  await tombstoneSubscription(db, ctx, row, { by: "admin", ownerId: row.ownerId });
  return { id: row.id, status: "deleted" };
}
