/** notifications/deliver: e-mail one notification (PHI-free; see lib/notifications/deliver.ts). */
import type { Job } from "bullmq";
import { db } from "@/lib/db/client";
import { deliverNotification } from "@/lib/notifications/deliver";
import { startJob } from "@/lib/queue/job-context";

export default async function deliverNotificationJob(job: Job) {
  const { payload, log } = startJob("notifications", "deliver", job);
  const outcome = await deliverNotification(db, payload.notificationId);
  log.info({ notificationId: payload.notificationId, outcome }, "notification delivery job done");
  return outcome;
}
