/** triage/triage: prioritise a submitted case once its photos are settled (retries while they are not). */
import type { Job } from "bullmq";
import { db } from "@/lib/db/client";
import { startJob } from "@/lib/queue/job-context";
import { triageCase } from "@/lib/triage/run";

export default async function triageCaseJob(job: Job) {
  const { payload, ctx, log } = startJob("triage", "triage", job);
  const outcome = await triageCase(db, ctx, payload.caseId);
  log.info({ caseId: payload.caseId }, "case triage job done");
  return outcome;
}
