/** smart/write-back: file an answered, EHR-launched case's reply in the EHR (retries while it is down). */
import type { Job } from "bullmq";
import { db } from "@/lib/db/client";
import { retryAfterFailure, startJob } from "@/lib/queue/job-context";
import { writeBack } from "@/lib/smart/write-back";

export default async function smartWriteBackJob(job: Job) {
  const { payload, ctx } = startJob("smart", "write-back", job);
  return writeBack(db, payload.caseId, ctx.requestId, { retryAt: retryAfterFailure(job) });
}
