/**
 * claim-next (SPEC §5): the case at the head of the queue (priority, deadline, submission) for
 * each caller, or null when the queue is empty. Rows another transaction is claiming are skipped,
 * not waited for (`FOR UPDATE SKIP LOCKED`), so concurrent callers receive different cases.
 *
 * Claims made at the same moment in one process are committed together (group commit): a call
 * that arrives while a claim statement is in flight waits for it to finish and then goes out, in
 * one statement, with every other call that arrived meanwhile. A lone call goes out at once, so
 * nothing waits when the service is quiet; under load, one statement, one audit-chain lock and one
 * WAL flush serve up to 32 specialists instead of one each. The statement is atomic on its own:
 * it picks and locks as many heads as there are callers, pairs them with the callers in arrival
 * order (the first caller gets the head), makes the `claim` transition of lib/cases/state.ts for
 * each (same statuses, same patch), and writes each claim's case event, its own audit row
 * (actor, request id, IP of that caller) and the outbox rows of the FHIR Subscriptions the claim
 * matches (the same insert transition() runs, lib/fhir/subscription-match.ts). The `claim`
 * transition schedules no PACS send (those start on submitted and answered only). The details of the batch's cases are then read in one
 * statement too, while the next batch is already being claimed.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { QueryBuilder } from "drizzle-orm/pg-core";
import type { Db } from "../db/client";
import { literal, namedStatement, param } from "../db/named";
import { caseEvents, cases } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { auditInsertSql } from "../audit/record";
import { caseDetailsByIds, type CaseDetail } from "../cases/detail";
import { notifyOutboxSql } from "../fhir/subscription-match";
import { TRANSITIONS } from "../cases/state";
import type { CaseStatus } from "../db/schema/enums";
import { requireReviewer } from "./claim-guard";
import { claimPatch } from "./claims";
import { queueOrderSelection, queueRankSql } from "../triage/queue-order";
import { QUEUE_ORDER } from "./queue";

/** The most callers one statement serves. */
export const MAX_CLAIM_BATCH = 32;

const CLAIM = TRANSITIONS.claim;
// One status to claim from, so the event's from_status is that literal (a compile error otherwise).
const [CLAIM_FROM] = CLAIM.from satisfies readonly [CaseStatus];

/**
 * The SET list of the claim: the status of the `claim` transition, the patch claimCase passes to
 * transition() (claimPatch), and transition()'s updated_at — all at the statement's `now`.
 */
const claimSet = (actorId: SQL, now: SQL): SQL =>
  sql.join(
    Object.entries({ status: literal(CLAIM.to), ...claimPatch(actorId, now), updatedAt: now }).map(
      ([key, value]) => sql`${sql.identifier(toSnakeCase(cases[key as keyof typeof cases.$inferSelect].name))} = ${value}`,
    ),
    sql`, `,
  );

const heads = new QueryBuilder({ casing: "snake_case" })
  .select(queueOrderSelection())
  .from(cases)
  .where(eq(cases.status, literal(CLAIM_FROM)))
  .orderBy(...QUEUE_ORDER)
  .limit(param("count"))
  .for("update", { skipLocked: true });

/** One claim per caller of the arrays (`n` is the caller's 1-based position); fewer rows when the queue runs short. */
export const claimHeads = namedStatement<{ id: string; n: string }>(
  "claim_next_batch",
  sql`
    with req as (
      select * from unnest(${param("actorIds")}::uuid[], ${param("actorRoles")}::role[], ${param("requestIds")}::text[], ${param("ips")}::text[])
        with ordinality as r(actor_id, actor_role, request_id, ip, n)
    ),
    picked as (${heads}),
    head as (select id, row_number() over (order by ${queueRankSql()}) as n from picked),
    claimed as (
      update ${cases} set ${claimSet(sql`req.actor_id`, sql`${param("now")}::timestamptz`)}
      from head join req on req.n = head.n
      where ${cases.id} = head.id and ${cases.status} = ${literal(CLAIM_FROM)}
      returning ${cases.id} as id, ${cases.patientId} as patient_id, ${cases.clinicId} as clinic_id, req.n, req.actor_id, req.actor_role, req.request_id, req.ip
    ),
    event as (
      insert into ${caseEvents} (case_id, from_status, to_status, actor_id, actor_role, at)
      select id, ${literal(CLAIM_FROM)}::case_status, ${literal(CLAIM.to)}::case_status, actor_id, actor_role, ${param("now")}::timestamptz
      from claimed
    ),
    notified as (${notifyOutboxSql(CLAIM.to, sql`claimed`, sql`${param("now")}::timestamptz`)}),
    audited as (${auditInsertSql(
      {
        actorId: sql`actor_id`,
        actorRole: sql`actor_role`,
        action: "case.claim",
        resourceType: "case",
        resourceId: sql`id`,
        patientId: sql`patient_id`,
        ip: sql`ip`,
        requestId: sql`request_id`,
        details: sql`'{"via":"claim-next"}'`,
      },
      sql`claimed`,
    )})
    select id, n from claimed`,
);

type Waiter = { db: Db; ctx: RequestContext; resolve: (detail: CaseDetail | null) => void; reject: (err: unknown) => void };

/**
 * Callers waiting for the next statement, and whether one is in flight (per process). One lane:
 * two statements in flight at once were measured no faster (they contend for the audit chain).
 */
const lane: { waiting: Waiter[]; busy: boolean } = { waiting: [], busy: false };

/** Hand each caller of `batch` the detail of the case claimed for it (or null). */
async function answer(batch: Waiter[], claimedFor: Map<number, string>): Promise<void> {
  try {
    const details = await caseDetailsByIds(batch[0]!.db, [...claimedFor.values()]);
    batch.forEach((w, i) => {
      const caseId = claimedFor.get(i + 1);
      w.resolve(caseId ? details.get(caseId)! : null);
    });
  } catch (err) {
    for (const w of batch) w.reject(err);
  }
}

async function drain(): Promise<void> {
  lane.busy = true;
  try {
    while (lane.waiting.length > 0) {
      const batch = lane.waiting.splice(0, MAX_CLAIM_BATCH);
      try {
        const rows = await claimHeads({
          actorIds: batch.map((w) => w.ctx.actor.id),
          actorRoles: batch.map((w) => w.ctx.actor.role),
          requestIds: batch.map((w) => w.ctx.requestId),
          ips: batch.map((w) => w.ctx.ip),
          count: batch.length,
          now: new Date(),
        });
        // Not awaited: the details are read while the next batch is claimed.
        void answer(batch, new Map(rows.map((r) => [Number(r.n), r.id])));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
  } finally {
    lane.busy = false;
  }
}

/**
 * Claim the next case for the actor and return its detail, or null when the queue is empty (see
 * the module comment). `db` must be the pool's handle, not a transaction: the claim commits on its own.
 */
export function claimNext(db: Db, ctx: RequestContext): Promise<CaseDetail | null> {
  try {
    requireReviewer(ctx);
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise((resolve, reject) => {
    lane.waiting.push({ db, ctx, resolve, reject });
    if (!lane.busy) void drain();
  });
}
