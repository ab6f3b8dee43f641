/**
 * Which rest-hook Subscriptions a case change notifies. Called by the lifecycle owner
 * (lib/cases/state.ts) inside the transaction of every transition, so a rolled-back change
 * notifies nobody and a committed one can never lose its notification (outbox).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases, fhirSubscriptions, SUBSCRIPTION_TYPES } from "../db/schema";
import type { CaseStatus } from "../db/schema/enums";
import type { Actor } from "../auth/actor";
import { canViewCase } from "../auth/policies";
import { enqueue } from "../queue/outbox";
import { STATUS_MAP } from "./codes";

type SubscriptionRow = typeof fhirSubscriptions.$inferSelect;

/** The owner as the policies see them (a Subscription reads with its creator's rights). */
const ownerActor = (s: SubscriptionRow): Actor => ({ id: s.ownerId, role: s.ownerRole, clinicId: s.clinicId, email: "", name: "", sessionId: null });

function matches(s: SubscriptionRow, status: CaseStatus, answeredNow: boolean): boolean {
  if (s.endAt && s.endAt.getTime() < Date.now()) return false;
  if (s.resourceType === "Task") return !s.params.status || s.params.status.includes(STATUS_MAP[status].task);
  return answeredNow; // the DiagnosticReport exists (final) from the moment the case is answered
}

/**
 * Queue deliveries for the Subscriptions that a change of case `caseId` to `status` matches,
 * inside the caller's transaction (so a rolled-back change notifies nobody).
 */
export async function notifySubscribers(tx: Db, caseId: string, status: CaseStatus): Promise<void> {
  const subs = await tx
    .select()
    .from(fhirSubscriptions)
    .where(and(eq(fhirSubscriptions.status, "active"), inArray(fhirSubscriptions.resourceType, [...SUBSCRIPTION_TYPES])));
  if (subs.length === 0) return;
  const [c] = await tx.select({ clinicId: cases.clinicId, status: cases.status }).from(cases).where(eq(cases.id, caseId));
  if (!c) return;
  for (const s of subs) {
    if (!canViewCase(ownerActor(s), { clinicId: c.clinicId, status })) continue;
    if (!matches(s, status, status === "answered")) continue;
    await enqueue(tx, "fhir", "notify", { subscriptionId: s.id, resourceType: s.resourceType, resourceId: caseId });
  }
}
