/** dicom/stow: send a case's study to the PACS by STOW-RS (lib/dicom/pacs-send.ts); retried with backoff. */
import type { Job } from "bullmq";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { runPacsSend } from "@/lib/dicom/pacs-send";
import { parsePayload } from "@/lib/queue/queues";

export default async function pacsSendJob(job: Job) {
  const { sendId } = parsePayload("dicom", "stow", job.data);
  const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  return runPacsSend(db, { actor: null, requestId: job.id ?? randomUUID(), ip: null }, sendId, finalAttempt);
}
