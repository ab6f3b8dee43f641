/** Repeatable maintenance jobs (SLA sweep, reconciler, outbox retention), registered idempotently at worker start. */
import { logger } from "@/lib/log";
import { getQueue, type JobName } from "@/lib/queue/queues";
import { REGISTRY } from "./registry";

/** One schedule per declared maintenance job (tests/unit/queue-registry.test.ts checks none is missing). */
export const SCHEDULES: { id: JobName<"maintenance">; every: number }[] = [
  { id: "reconcile", every: 5 * 60_000 },
  { id: "sla-sweep", every: 60_000 },
  { id: "outbox-retention", every: 60 * 60_000 },
  // The signed audit chain head, outside the database (lib/audit/anchor.ts); also at shutdown.
  { id: "audit-anchor", every: 5 * 60_000 },
  // Orphaned photo objects (a crash between blob and row) removed after an hour (lib/photos/janitor.ts).
  { id: "storage-janitor", every: 60 * 60_000 },
  // Resumable uploads past their 24 h, with their encrypted pieces (lib/uploads/expiry.ts).
  { id: "upload-expiry", every: 60 * 60_000 },
  // Stored POST searches: sealed parameters dropped soon after their hour, rows a day later (lib/fhir/search-handles.ts).
  { id: "fhir-search-handles", every: 10 * 60_000 },
];

/** Upsert the job schedulers when the maintenance queue has a processor. */
export async function startSchedules(): Promise<void> {
  if (!REGISTRY.some((r) => r.queue === "maintenance")) return;
  const queue = getQueue("maintenance");
  for (const s of SCHEDULES) {
    await queue
      .upsertJobScheduler(s.id, { every: s.every }, { name: s.id, data: {} })
      .catch((err: Error) => logger.warn({ schedule: s.id, err: err.message }, "could not register schedule"));
  }
}
