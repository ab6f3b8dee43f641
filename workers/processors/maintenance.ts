/** maintenance/*: repeatable housekeeping jobs, dispatched by job name. */
import type { Job } from "bullmq";
import { UnrecoverableError } from "bullmq";
import { db } from "@/lib/db/client";
import { purgePublishedOutbox } from "@/lib/queue/outbox-retention";
import { reconcile } from "@/lib/queue/reconcile";
import { runSlaSweep } from "@/lib/sla/sweeper";

const HANDLERS: Record<string, () => Promise<unknown>> = {
  reconcile: () => reconcile(db),
  "sla-sweep": () => runSlaSweep(db),
  "outbox-retention": () => purgePublishedOutbox(db),
};

export default async function maintenanceJob(job: Job) {
  const handler = HANDLERS[job.name];
  if (!handler) throw new UnrecoverableError(`no handler for maintenance job ${job.name}`);
  return handler();
}

export const MAINTENANCE_JOBS = Object.keys(HANDLERS);
