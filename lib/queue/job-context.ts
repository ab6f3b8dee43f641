/**
 * How a processor starts every job: re-parse the payload with the schema its queue declares (a
 * payload that does not parse can never succeed, so it fails at once with UnrecoverableError
 * instead of five retries), and build the job's context and logger. The context's request id is
 * the one the payload carries — the HTTP request that caused the job — so the job's audit rows
 * and log lines can be joined to that request; a job nobody requested (a schedule) falls back to
 * its own job id.
 */
import { Backoffs, UnrecoverableError, type Job } from "bullmq";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { SystemContext } from "../auth/actor";
import { logger, type Logger } from "../log";
import { JOBS, type JobName, type JobPayload, type QueueName } from "./queues";

export type JobRun<Q extends QueueName, J extends JobName<Q>> = { payload: JobPayload<Q, J>; ctx: SystemContext; log: Logger };

/** Parse `job` as job `name` of `queue` and give its payload, context and logger. */
export function startJob<Q extends QueueName, J extends JobName<Q>>(queue: Q, name: J, job: Pick<Job, "id" | "data">): JobRun<Q, J> {
  const schema = (JOBS[queue] as Record<string, z.ZodType | undefined>)[name];
  if (!schema) throw new UnrecoverableError(`no job ${queue}/${name} is declared`);
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`payload of ${queue}/${name} does not match its schema`);
  const payload = parsed.data as JobPayload<Q, J>;
  const requestId = (payload as { requestId?: string }).requestId ?? job.id ?? randomUUID();
  const ctx: SystemContext = { actor: null, requestId, ip: null };
  return { payload, ctx, log: logger.child({ queue, job: name, jobId: job.id, requestId }) };
}

/** The request id a raw job's data carries, for log lines written outside a processor (a failure). */
export function requestIdOf(data: unknown): string | undefined {
  const r = (data as { requestId?: unknown } | null)?.requestId;
  return typeof r === "string" ? r : undefined;
}

/**
 * When BullMQ runs `job` again should this attempt fail (its own backoff arithmetic over the job's
 * options); null on the last attempt. For telling a person when a retry comes, not for scheduling.
 */
export function retryAfterFailure(job: Pick<Job, "attemptsMade" | "opts">, now = Date.now()): Date | null {
  if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) return null;
  const backoff = job.opts.backoff === undefined ? undefined : Backoffs.normalize(job.opts.backoff);
  const delay = backoff ? Backoffs.calculate(backoff, job.attemptsMade + 1, new Error("attempt failed"), job as Job) : 0;
  return new Date(now + (typeof delay === "number" ? delay : 0));
}
