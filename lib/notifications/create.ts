/**
 * Creating notifications. A notification is an in-app row plus, through the outbox, an e-mail job.
 * Titles must carry no PHI (no names, MRNs, diagnoses): the same words go out by e-mail. A
 * `dedupeKey` makes a notification idempotent per user (e.g. "sla:breached:<caseId>").
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications, users } from "../db/schema";
import type { Role } from "../db/schema/enums";
import { enqueue, type JobCause } from "../queue/outbox";

export type NewNotification = {
  kind: string;
  title: string;
  link?: string | null;
  caseId?: string | null;
  dedupeKey?: string | null;
  /** Also send an e-mail (default true). */
  email?: boolean;
};

/**
 * Notify each of `userIds` inside transaction `tx`; returns how many were created (duplicates
 * skipped). `cause` (the request or job context) gives the e-mail jobs its request id.
 */
export async function notifyUsers(tx: Db, userIds: string[], n: NewNotification, cause?: JobCause): Promise<number> {
  if (userIds.length === 0) return 0;
  const rows = await tx
    .insert(notifications)
    .values(
      userIds.map((userId) => ({
        userId,
        kind: n.kind,
        title: n.title,
        link: n.link ?? null,
        caseId: n.caseId ?? null,
        dedupeKey: n.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey], where: sql`${notifications.dedupeKey} is not null` })
    .returning({ id: notifications.id });
  if (n.email !== false) for (const r of rows) await enqueue(tx, "notifications", "deliver", { notificationId: r.id }, cause);
  return rows.length;
}

/** Notify every active user of `role` (optionally only those of one clinic). */
export async function notifyRole(tx: Db, role: Role, n: NewNotification, clinicId?: string, cause?: JobCause): Promise<number> {
  const recipients = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, role), eq(users.active, true), clinicId ? eq(users.clinicId, clinicId) : undefined));
  return notifyUsers(tx, recipients.map((r) => r.id), n, cause);
}

/** Notify the active referrers of a clinic. */
export async function notifyClinic(tx: Db, clinicId: string, n: NewNotification, cause?: JobCause): Promise<number> {
  return notifyRole(tx, "referrer", n, clinicId, cause);
}

