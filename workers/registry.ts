/**
 * Which processor handles which queue, and how many jobs of it run at once. Photo processing runs
 * two in flight (sharp throughput on two cores comes from parallel images, not libvips threads).
 */
import type { Job } from "bullmq";
import type { QueueName } from "@/lib/queue/queues";

export type Processor = (job: Job) => Promise<unknown>;
export type Registration = { queue: QueueName; concurrency: number; load: () => Promise<Processor> };

export const REGISTRY: Registration[] = [
  { queue: "photos", concurrency: 2, load: async () => (await import("./processors/process-photo")).default },
  { queue: "triage", concurrency: 4, load: async () => (await import("./processors/triage-case")).default },
  { queue: "notifications", concurrency: 4, load: async () => (await import("./processors/deliver-notification")).default },
  { queue: "smart", concurrency: 2, load: async () => (await import("./processors/smart-write-back")).default },
  { queue: "dicom", concurrency: 1, load: async () => (await import("./processors/pacs-send")).default },
  { queue: "fhir", concurrency: 4, load: async () => (await import("./processors/deliver-fhir")).default },
  { queue: "maintenance", concurrency: 1, load: async () => (await import("./processors/maintenance")).default },
];
