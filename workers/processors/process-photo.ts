/** photos/process: run the photo pipeline for one photo id. */
import type { Job } from "bullmq";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { runPhotoPipeline } from "@/lib/photos/pipeline";
import { parsePayload } from "@/lib/queue/queues";

export default async function processPhotoJob(job: Job) {
  const { photoId } = parsePayload("photos", "process", job.data);
  return runPhotoPipeline(db, { actor: null, requestId: job.id ?? randomUUID(), ip: null }, photoId);
}
