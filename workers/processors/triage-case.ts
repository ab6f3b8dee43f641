/** triage/triage: prioritise a submitted case once its photos are settled (retries while they are not). */
import type { Job } from "bullmq";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { parsePayload } from "@/lib/queue/queues";
import { triageCase } from "@/lib/triage/run";

export default async function triageCaseJob(job: Job) {
  const { caseId } = parsePayload("triage", "triage", job.data);
  return triageCase(db, { actor: null, requestId: job.id ?? randomUUID(), ip: null }, caseId);
}
