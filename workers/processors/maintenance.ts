/**
 * maintenance/*: repeatable housekeeping jobs, dispatched by job name. The handler table is keyed
 * by the job names lib/queue/queues.ts declares, so a declared job without a handler (or a handler
 * for an undeclared job) does not compile; every payload is re-parsed like any other job's.
 */
import type { Job } from "bullmq";
import { UnrecoverableError } from "bullmq";
import { writeAuditAnchor } from "@/lib/audit/anchor";
import { db } from "@/lib/db/client";
import { purgeSearchHandles } from "@/lib/fhir/search-handles";
import { startJob } from "@/lib/queue/job-context";
import { sweepPhotoObjects } from "@/lib/photos/janitor";
import { purgePublishedOutbox } from "@/lib/queue/outbox-retention";
import { JOBS, type JobName } from "@/lib/queue/queues";
import { reconcile } from "@/lib/queue/reconcile";
import { runSlaSweep } from "@/lib/sla/sweeper";
import { removeExpiredUploads } from "@/lib/uploads/expiry";

type MaintenanceJob = JobName<"maintenance">;

const HANDLERS: Record<MaintenanceJob, () => Promise<unknown>> = {
  reconcile: () => reconcile(db),
  "sla-sweep": () => runSlaSweep(db),
  "outbox-retention": () => purgePublishedOutbox(db),
  "audit-anchor": () => writeAuditAnchor(db),
  "storage-janitor": () => sweepPhotoObjects(db),
  "upload-expiry": () => removeExpiredUploads(db),
  "fhir-search-handles": () => purgeSearchHandles(db),
};

const isMaintenanceJob = (name: string): name is MaintenanceJob => Object.hasOwn(JOBS.maintenance, name);

export default async function maintenanceJob(job: Job) {
  if (!isMaintenanceJob(job.name)) throw new UnrecoverableError(`no handler for maintenance job ${job.name}`);
  const { log } = startJob("maintenance", job.name, job);
  const result = await HANDLERS[job.name]();
  log.debug({ result }, "maintenance job done");
  return result;
}

export const MAINTENANCE_JOBS = Object.keys(HANDLERS) as MaintenanceJob[];
