/** smart/write-back: file an answered, EHR-launched case's reply in the EHR (retries while it is down). */
import type { Job } from "bullmq";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { parsePayload } from "@/lib/queue/queues";
import { writeBack } from "@/lib/smart/write-back";

export default async function smartWriteBackJob(job: Job) {
  const { caseId } = parsePayload("smart", "write-back", job.data);
  return writeBack(db, caseId, job.id ?? randomUUID());
}
