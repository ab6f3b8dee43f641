/**
 * Which rest-hook Subscriptions a case change notifies, as one INSERT … SELECT into the outbox.
 * Called by the lifecycle owner (lib/cases/state.ts) inside the transaction of every transition,
 * and built into claim-next's single statement (lib/reviews/claim-next.ts) as a data-modifying
 * CTE — one rule in one place, so a claim through claim-next notifies exactly whom a single claim
 * does. A rolled-back change notifies nobody; a committed one can never lose its notification.
 *
 * A Subscription matches a change of a case to `status` when it is active and not past its end,
 * its owner may see the case (lib/auth/policies.ts `canViewCase`, evaluated for the owner's role
 * and clinic; the SQL is derived from the policy, see `ownerSeesSql`), and its criteria match:
 * Task on the mapped Task status (any status without a `status` parameter), DiagnosticReport
 * only when the case is answered (the report exists, final, from that moment).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { literal } from "../db/named";
import { fhirSubscriptions, outbox, SUBSCRIPTION_TYPES } from "../db/schema";
import { ROLES, type CaseStatus, type Role } from "../db/schema/enums";
import { canViewCase } from "../auth/policies";
import { STATUS_MAP, type TaskStatus } from "./codes";

const inList = (column: SQL, values: readonly string[]): SQL =>
  values.length ? sql`${column} in (${sql.join(values.map(literal), sql`, `)})` : sql`false`;

/**
 * `canViewCase` for a Subscription's owner as SQL over `s` (the subscription) and the changed
 * case's clinic. The policy depends on the role, on whether the owner's clinic is the case's and
 * on the status, so each role is asked twice (another clinic's case, then its own clinic's) and
 * the answers become the two role lists of the condition.
 */
function ownerSeesSql(status: CaseStatus, caseClinicId: SQL): SQL {
  const probe = (role: Role, sameClinic: boolean) =>
    canViewCase({ id: "", role, clinicId: "probe-a", email: "", name: "", sessionId: null }, { clinicId: sameClinic ? "probe-a" : "probe-b", status });
  const anyClinic = ROLES.filter((r) => probe(r, false));
  const ownClinic = ROLES.filter((r) => !probe(r, false) && probe(r, true));
  return sql`(${inList(sql`s.owner_role::text`, anyClinic)} or (${inList(sql`s.owner_role::text`, ownClinic)} and s.clinic_id = ${caseClinicId}))`;
}

/** The criteria of a Subscription on `status` as SQL over `s`: per resource type, as in the module comment. */
function criteriaSql(status: CaseStatus, task: TaskStatus): SQL {
  const byType: Record<(typeof SUBSCRIPTION_TYPES)[number], SQL> = {
    Task: sql`(s.params -> 'status' is null or s.params -> 'status' ? ${literal(task)})`,
    DiagnosticReport: status === "answered" ? sql`true` : sql`false`,
  };
  return sql`(${sql.join(
    SUBSCRIPTION_TYPES.map((type) => sql`(s.resource_type = ${literal(type)} and ${byType[type]})`),
    sql` or `,
  )})`;
}

/**
 * The outbox insert for a change to `status` of the cases in `changed` (a FROM item whose rows
 * have `id` and `clinic_id`; aliased `c`), as of `now`. One `fhir/notify` row per matching
 * Subscription and case, payload `{subscriptionId, resourceType, resourceId}` (ids only; the
 * worker re-parses it against the queue registry).
 */
export function notifyOutboxSql(status: CaseStatus, changed: SQL, now: SQL = sql`now()`, task: TaskStatus = STATUS_MAP[status].task): SQL {
  return sql`insert into ${outbox} (queue, name, payload)
    select 'fhir', 'notify', jsonb_build_object('subscriptionId', s.id, 'resourceType', s.resource_type, 'resourceId', c.id)
    from ${changed} c join ${fhirSubscriptions} s
      on s.status = 'active' and (s.end_at is null or s.end_at >= ${now})
     and ${ownerSeesSql(status, sql`c.clinic_id`)} and ${criteriaSql(status, task)}
    order by c.id, s.created_at, s.id`;
}

/**
 * Queue deliveries for the Subscriptions that a change of case `caseId` to `status` matches,
 * inside the caller's transaction (so a rolled-back change notifies nobody). One statement.
 * `task` is the Task status the change shows, when it is not the status's own (a draft whose
 * requested submission is held shows `on-hold`, lib/fhir/codes.ts `caseFhirStatus`).
 */
export async function notifySubscribers(tx: Db, caseId: string, status: CaseStatus, task: TaskStatus = STATUS_MAP[status].task): Promise<void> {
  await tx.execute(notifyOutboxSql(status, sql`(select id, clinic_id from cases where id = ${caseId})`, sql`now()`, task));
}
