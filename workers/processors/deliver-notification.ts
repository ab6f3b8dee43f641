/** notifications/deliver: e-mail one notification (PHI-free; see lib/notifications/deliver.ts). */
import type { Job } from "bullmq";
import { db } from "@/lib/db/client";
import { deliverNotification } from "@/lib/notifications/deliver";
import { parsePayload } from "@/lib/queue/queues";

export default async function deliverNotificationJob(job: Job) {
  const { notificationId } = parsePayload("notifications", "deliver", job.data);
  return deliverNotification(db, notificationId);
}
