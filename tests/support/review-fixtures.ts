/**
 * Fixtures for the specialist review tests: a case already waiting in the queue, inserted
 * directly because triage has tests of its own, plus the sign-ins and claim most of them start with.
 */
import { POST as claimRoute } from "@/app/api/v1/cases/[id]/claim/route";
import { db } from "@/lib/db/client";
import { cases } from "@/lib/db/schema";
import type { Priority } from "@/lib/db/schema/enums";
import { priorityRank } from "@/lib/triage/priority";
import { apiRequest, createPatient, params, sessionCookie, type createTenant } from "./factories";

export const HOUR = 3600_000;

type Tenant = Awaited<ReturnType<typeof createTenant>>;

export type QueuedCaseOptions = {
  priority?: Priority;
  /** Hours from now to the SLA deadline. */
  dueInH?: number;
  /** Hours ago the referral was submitted; triage is stamped a minute later. */
  submittedAgoH?: number;
  history?: Record<string, unknown>;
};

/** A triaged case of `t`'s clinic for a fresh patient, waiting in the queue. */
export async function queuedCase(t: Tenant, o: QueuedCaseOptions = {}) {
  const priority = o.priority ?? "routine";
  const patient = await createPatient(t.clinic.id);
  const now = Date.now();
  const submittedAt = now - (o.submittedAgoH ?? 1) * HOUR;
  const [row] = await db
    .insert(cases)
    .values({
      clinicId: t.clinic.id,
      patientId: patient.id,
      createdBy: t.referrer.id,
      status: "triaged",
      history: o.history ?? { referralQuestion: "Please review", bodySites: ["39937001"] },
      priority,
      priorityRank: priorityRank(priority),
      submittedAt: new Date(submittedAt),
      triagedAt: new Date(submittedAt + 60_000),
      slaDueAt: new Date(now + (o.dueInH ?? 48) * HOUR),
    })
    .returning();
  return row!;
}

/** Session cookies for the tenant's specialist and referrer. */
export async function reviewCookies(t: Tenant) {
  return { specialist: (await sessionCookie(t.specialist)).cookie, referrer: (await sessionCookie(t.referrer)).cookie };
}

/** Claim case `id` through the real route as the holder of `cookie`. */
export const claim = (id: string, cookie: string) => claimRoute(apiRequest(`/api/v1/cases/${id}/claim`, { cookie, method: "POST" }), params({ id }));
