/**
 * Every queue and job of DermRelay, declared once: names, zod payload schemas (ids only — job data
 * sits in Redis in clear text, so never PHI) and default job options. Producers and the worker
 * both validate payloads against these schemas. Every payload may carry `requestId`: the id of the
 * HTTP request whose transaction enqueued the job (lib/queue/outbox.ts), which the worker puts on
 * the job's logs and audit rows (lib/queue/job-context.ts) so one id follows the work end to end.
 */
import { Queue, type JobsOptions } from "bullmq";
import { z } from "zod";
import { env } from "../env";
import { REQUEST_ID_PATTERN } from "../http/request-info";
import { createProducerConnection } from "./redis";

const id = z.string().uuid();

/** The request id of the request that caused a job: an id of lib/http/request-info.ts's shape, never PHI. */
export const jobRequestId = z.string().regex(REQUEST_ID_PATTERN);

/** A job's payload: its ids, plus the optional request id; nothing else is accepted. */
const payload = <S extends z.ZodRawShape>(shape: S) => z.strictObject({ ...shape, requestId: jobRequestId.optional() });

export const JOBS = {
  photos: { process: payload({ photoId: id }) },
  triage: { triage: payload({ caseId: id }) },
  notifications: { deliver: payload({ notificationId: id }) },
  smart: { "write-back": payload({ caseId: id }) },
  dicom: { stow: payload({ sendId: id }) },
  fhir: { notify: payload({ subscriptionId: id, resourceType: z.enum(["Task", "DiagnosticReport"]), resourceId: id }) },
  maintenance: {
    "sla-sweep": payload({}),
    reconcile: payload({}),
    "outbox-retention": payload({}),
    "audit-anchor": payload({}),
    "storage-janitor": payload({}),
    "upload-expiry": payload({}),
    "fhir-search-handles": payload({}),
  },
} as const;

export type QueueName = keyof typeof JOBS;
export type JobName<Q extends QueueName> = keyof (typeof JOBS)[Q] & string;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = z.infer<(typeof JOBS)[Q][J]>;

export const QUEUE_NAMES = Object.keys(JOBS) as QueueName[];

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Per-queue overrides. A PACS may be down for maintenance for an hour: STOW-RS sends retry ten
 * times, 15 s doubling (the last about 2 h after the first), before the send is marked failed.
 */
export const QUEUE_JOB_OPTIONS: Partial<Record<QueueName, JobsOptions>> = {
  dicom: { attempts: 10, backoff: { type: "exponential", delay: 15_000 } },
};

/** Validate a payload for queue `q`, job `name`; throws on anything not declared. */
export function parsePayload<Q extends QueueName, J extends JobName<Q>>(q: Q, name: J, data: unknown): JobPayload<Q, J> {
  const schema = (JOBS[q] as Record<string, z.ZodType>)[name];
  if (!schema) throw new Error(`Unknown job ${q}/${name}`);
  return schema.parse(data) as JobPayload<Q, J>;
}

const globalForQueues = globalThis as unknown as { dermrelayQueues?: Map<QueueName, Queue> };
const queues = (globalForQueues.dermrelayQueues ??= new Map());

/** The producer-side Queue for `name`, created once per process. */
export function getQueue(name: QueueName): Queue {
  let queue = queues.get(name);
  if (!queue) {
    queue = new Queue(name, {
      connection: createProducerConnection(),
      prefix: env.QUEUE_PREFIX,
      defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...QUEUE_JOB_OPTIONS[name] },
    });
    queue.on("error", () => undefined);
    queues.set(name, queue);
  }
  return queue;
}

/** Close every producer queue (worker shutdown, tests). */
export async function closeQueues(): Promise<void> {
  const all = [...queues.values()];
  queues.clear();
  await Promise.all(all.map((q) => q.close().catch(() => undefined)));
}
