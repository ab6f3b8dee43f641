/** dicom/stow: send a case's study to the PACS by STOW-RS (lib/dicom/pacs-send.ts); retried with backoff. */
import type { Job } from "bullmq";
import { db } from "@/lib/db/client";
import { runPacsSend } from "@/lib/dicom/pacs-send";
import { startJob } from "@/lib/queue/job-context";

export default async function pacsSendJob(job: Job) {
  const { payload, ctx } = startJob("dicom", "stow", job);
  const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  return runPacsSend(db, ctx, payload.sendId, finalAttempt);
}
