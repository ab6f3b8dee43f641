/** photos/process: run the photo pipeline for one photo id. */
import type { Job } from "bullmq";
import { db } from "@/lib/db/client";
import { runPhotoPipeline } from "@/lib/photos/pipeline";
import { startJob } from "@/lib/queue/job-context";

export default async function processPhotoJob(job: Job) {
  const { payload, ctx } = startJob("photos", "process", job);
  // The pipeline logs its outcome with ctx.requestId ("photo processed").
  return runPhotoPipeline(db, ctx, payload.photoId);
}
