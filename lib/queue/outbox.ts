/**
 * The transactional outbox: work for the worker is written as a row in the same transaction as the
 * change that needs it, so a commit can never lose its job and a rollback never leaves one behind.
 * The relay (lib/queue/relay.ts) publishes rows to BullMQ after commit.
 */
import type { Db } from "../db/client";
import { outbox } from "../db/schema";
import { jobRequestId, parsePayload, type JobName, type JobPayload, type QueueName } from "./queues";

/** What caused a job: the request (or job) context whose id the job carries on. */
export type JobCause = { requestId: string };

/**
 * Add a job to the outbox inside transaction `tx`. Returns the outbox id (the future job id).
 * With a `cause`, its request id rides in the payload (when it is a well-formed id; a malformed one
 * is left out rather than failing the transaction over a log field).
 */
export async function enqueue<Q extends QueueName, J extends JobName<Q>>(
  tx: Db,
  queue: Q,
  name: J,
  payload: Omit<JobPayload<Q, J>, "requestId">,
  cause?: JobCause,
): Promise<number> {
  const requestId = cause && jobRequestId.safeParse(cause.requestId).success ? cause.requestId : undefined;
  const data = parsePayload(queue, name, requestId ? { ...payload, requestId } : payload) as Record<string, unknown>;
  const [row] = await tx.insert(outbox).values({ queue, name, payload: data }).returning({ id: outbox.id });
  return row!.id;
}

/**
 * The BullMQ job id of an outbox row: its id plus its creation instant. The same row always maps
 * to the same job (a re-publish is a no-op), while a database that was reset or restored — whose
 * ids start again at 1 — can never collide with jobs an older database left in Redis (a collision
 * would make BullMQ drop the new job as a duplicate). BullMQ refuses bare integers as ids.
 */
export const jobIdFor = (outboxId: number, createdAt: Date) => `outbox-${outboxId}-${createdAt.getTime()}`;
