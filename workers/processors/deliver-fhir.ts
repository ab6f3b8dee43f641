/** fhir/notify: PUT one resource to a rest-hook Subscription's endpoint (lib/fhir/subscription-delivery.ts). */
import type { Job } from "bullmq";
import { db } from "@/lib/db/client";
import { deliverToSubscription } from "@/lib/fhir/subscription-delivery";
import { DEFAULT_JOB_OPTIONS, parsePayload } from "@/lib/queue/queues";

export default async function deliverFhirJob(job: Job) {
  const payload = parsePayload("fhir", "notify", job.data);
  const attempts = job.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1;
  return deliverToSubscription(db, payload, { final: job.attemptsMade + 1 >= attempts });
}
