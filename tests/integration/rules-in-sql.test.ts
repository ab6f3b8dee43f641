/**
 * Rules that hot paths run as SQL agree with their TypeScript definitions, pair by pair:
 * - queue order: compareQueueOrder vs the queue's ORDER BY, its keyset paging and claim-next's ranking;
 * - the claim transition: claimCase (transition() of lib/cases/state.ts) vs claim-next's statement;
 * - SLA state: slaState() vs slaStateSql() as the sweeper runs it;
 * - a draft's submission state and the FHIR statuses it shows: submissionState() / caseFhirStatus()
 *   vs submissionStateSql() / the FHIR search's status condition.
 * Each would fail if one side changed without the other.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as claimNextRoute } from "@/app/api/v1/queue/claim-next/route";
import { db } from "@/lib/db/client";
import { auditEvents, caseEvents, cases } from "@/lib/db/schema";
import { CASE_STATUSES, PRIORITIES, type CaseStatus, type Priority } from "@/lib/db/schema/enums";
import { canTransition, TRANSITIONS } from "@/lib/cases/state";
import { claimNext } from "@/lib/reviews/claim-next";
import { claimCase } from "@/lib/reviews/claims";
import { listQueue, queueQuerySchema } from "@/lib/reviews/queue";
import { slaState } from "@/lib/sla/rules";
import { slaStateSql } from "@/lib/sla/state-sql";
import { SUBMISSION_STATES, submissionState, submissionStateSql } from "@/lib/cases/submission-state";
import { caseFhirStatus, STATUS_MAP, SUBMISSION_MAP } from "@/lib/fhir/codes";
import { fhirStatusSql } from "@/lib/fhir/search";
import { priorityRank } from "@/lib/triage/priority";
import { compareQueueOrder, queueOrderBy } from "@/lib/triage/queue-order";
import { apiRequest, createPatient, createTenant, createUser, ctxOf, params, sessionCookie } from "../support/factories";

const H = 3600_000;
type Tenant = Awaited<ReturnType<typeof createTenant>>;

/** Claim away what other test files left in the queue, so a test meets a queue it knows. */
async function drainQueue() {
  const { cookie } = await sessionCookie(await createUser("specialist"));
  while ((await claimNextRoute(apiRequest("/api/v1/queue/claim-next", { cookie, method: "POST" }), params({}))).status === 200);
}

/** A case of `t`'s clinic in `status` with exactly these queue keys. */
async function caseWith(t: Tenant, o: { status?: CaseStatus; priority: Priority; due: Date; submitted: Date }) {
  const patient = await createPatient(t.clinic.id);
  const [row] = await db
    .insert(cases)
    .values({
      clinicId: t.clinic.id, patientId: patient.id, createdBy: t.referrer.id, status: o.status ?? "triaged",
      history: { referralQuestion: "Please review", bodySites: ["39937001"] },
      priority: o.priority, priorityRank: priorityRank(o.priority), submittedAt: o.submitted, triagedAt: o.submitted, slaDueAt: o.due,
    })
    .returning();
  return row!;
}

describe("queue order: the comparator and the SQL agree", () => {
  it("orders ties on every key the same way in the ORDER BY, the keyset pages and claim-next's ranking", async () => {
    const t = await createTenant();
    await drainQueue();
    const base = Date.now() - 10 * H;
    // Few distinct values per key, so every key decides some pair and some pairs tie down to the id.
    const made = [];
    for (let i = 0; i < 14; i++) {
      made.push(await caseWith(t, { priority: PRIORITIES[i % 3]!, due: new Date(base + ((i * 7) % 3) * H + 20 * H), submitted: new Date(base + ((i * 5) % 2) * H) }));
    }
    const expected = made
      .map((c) => ({ id: c.id, priority: c.priority!, slaDueAt: c.slaDueAt!, submittedAt: c.submittedAt! }))
      .sort(compareQueueOrder)
      .map((c) => c.id);

    const ordered = await db.select({ id: cases.id }).from(cases).where(inArray(cases.id, expected)).orderBy(...queueOrderBy());
    expect(ordered.map((r) => r.id)).toEqual(expected);

    // The queue endpoint's keyset pages (row-value comparison) walk the same order.
    const ctx = ctxOf(t.specialist);
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueue(ctx, queueQuerySchema.parse({ limit: 4, cursor }));
      walked.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(walked).toEqual(expected);

    // claim-next: calls made at one moment get the heads in arrival order = queue order.
    const callers = [t.specialist, ...(await Promise.all(Array.from({ length: expected.length - 1 }, () => createUser("specialist"))))];
    const got = await Promise.all(callers.map((u) => claimNext(db, ctxOf(u))));
    expect(got.map((g) => g?.id)).toEqual(expected);
  });
});

describe("the claim transition: claimCase and claim-next write the same thing", () => {
  it("changes the same columns to the same values, with the same event and audit row", async () => {
    const t = await createTenant();
    await drainQueue();
    const due = new Date(Date.now() + 5 * H);
    const a = await caseWith(t, { priority: "urgent", due, submitted: new Date(Date.now() - H) });
    const b = await caseWith(t, { priority: "urgent", due, submitted: new Date(Date.now() - H) });
    const other = await createUser("specialist");
    // claimCase (transition() + claimPatch) on one case, claim-next's single statement on the other.
    await claimCase(db, ctxOf(t.specialist), a.id);
    const viaNext = await claimNext(db, ctxOf(other));
    expect(viaNext?.id).toBe(b.id);

    const after = new Map((await db.select().from(cases).where(inArray(cases.id, [a.id, b.id]))).map((r) => [r.id, r]));
    const changed = (before: typeof a) => {
      const row = after.get(before.id)!;
      return Object.keys(row).filter((k) => JSON.stringify(row[k as keyof typeof row]) !== JSON.stringify(before[k as keyof typeof before])).sort();
    };
    expect(changed(b)).toEqual(changed(a));
    for (const [before, holder] of [[a, t.specialist], [b, other]] as const) {
      const row = after.get(before.id)!;
      expect(row.status).toBe(TRANSITIONS.claim.to);
      expect(row.claimedBy).toBe(holder.id);
      // One instant for the claim, its activity clock and the row's update time, on both paths.
      expect(row.lastActivityAt?.getTime()).toBe(row.claimedAt?.getTime());
      expect(row.updatedAt.getTime()).toBe(row.claimedAt?.getTime());
      const [event] = await db.select().from(caseEvents).where(and(eq(caseEvents.caseId, before.id), eq(caseEvents.toStatus, TRANSITIONS.claim.to)));
      expect(event).toMatchObject({ fromStatus: TRANSITIONS.claim.from[0], actorId: holder.id, actorRole: "specialist" });
      expect(event!.at.getTime()).toBe(row.claimedAt?.getTime());
      const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.resourceId, before.id), eq(auditEvents.action, "case.claim")));
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorId: holder.id, actorRole: "specialist", resourceType: "case", patientId: before.patientId, outcome: "success" });
    }
  });

  it("claim-next takes a case from exactly the statuses transition() lets `claim` start from", async () => {
    const t = await createTenant();
    await drainQueue();
    // One case in every status, each at the very head of the queue order.
    const byStatus = new Map<CaseStatus, string>();
    for (const status of CASE_STATUSES) {
      byStatus.set(status, (await caseWith(t, { status, priority: "urgent", due: new Date(Date.now() - 100 * H), submitted: new Date(Date.now() - 200 * H) })).id);
    }
    const claimable = CASE_STATUSES.filter((s) => canTransition("claim", s));
    const got = [];
    for (let i = 0; i <= claimable.length; i++) got.push((await claimNext(db, ctxOf(t.specialist)))?.id ?? null);
    expect(got).toEqual([...claimable.map((s) => byStatus.get(s)!), null]);
  });
});

describe("SLA state: slaState() and the sweeper's SQL agree", () => {
  it("gives the same state on and around every boundary, for every integer-percent at-risk share", async () => {
    const start = Date.parse("2030-03-01T08:00:00.000Z");
    const rows: { now: number; submitted: number; due: number; fraction: number }[] = [];
    for (const windowH of [1, 7, 24, 72, 168]) {
      const due = start + windowH * H;
      for (let pct = 1; pct <= 99; pct += 7) {
        const fraction = pct / 100;
        const atRiskFrom = start + windowH * H * fraction;
        for (const t of [start, Math.floor(atRiskFrom) - 1, Math.floor(atRiskFrom), Math.ceil(atRiskFrom), Math.ceil(atRiskFrom) + 1, due - 1, due, due + 1, due + H]) {
          rows.push({ now: t, submitted: start, due, fraction });
        }
      }
    }
    const iso = (ms: number) => new Date(ms).toISOString();
    const inSql = await Promise.all(
      // One statement per fraction: the fraction is a constant of the expression, as in the sweeper.
      [...new Set(rows.map((r) => r.fraction))].map(async (fraction) => {
        const mine = rows.filter((r) => r.fraction === fraction);
        const values = sql.join(
          mine.map((r, i) => sql`(${i}::int, ${iso(r.now)}::timestamptz, ${iso(r.submitted)}::timestamptz, ${iso(r.due)}::timestamptz)`),
          sql`, `,
        );
        const { rows: out } = await db.execute<{ i: number; state: string }>(
          sql`select i, ${slaStateSql(sql`now_at`, sql`submitted_at`, sql`due_at`, fraction)}::text as state from (values ${values}) v(i, now_at, submitted_at, due_at) order by i`,
        );
        return mine.map((r, i) => ({ ...r, sql: out[i]!.state }));
      }),
    );
    const disagreements = inSql
      .flat()
      .map((r) => ({ ...r, ts: slaState(new Date(r.now), new Date(r.submitted), new Date(r.due), r.fraction) }))
      .filter((r) => r.ts !== r.sql)
      .map((r) => `${iso(r.now)} window ${(r.due - r.submitted) / H} h at ${r.fraction}: TS ${r.ts}, SQL ${r.sql}`);
    expect(disagreements).toEqual([]);
    expect(inSql.flat().length).toBeGreaterThan(500);
  });
});

describe("submission state and FHIR status: the TypeScript rules and the SQL agree", () => {
  it("select exactly the rows the functions name, for every status with and without a requested or held submission", async () => {
    const t = await createTenant();
    const patient = await createPatient(t.clinic.id);
    const marks = [
      { submitRequestedAt: null, submitHeldReason: null },
      { submitRequestedAt: new Date(), submitHeldReason: null },
      { submitRequestedAt: new Date(), submitHeldReason: "A photo could not be processed" },
    ];
    const made = await db
      .insert(cases)
      .values(CASE_STATUSES.flatMap((status) => marks.map((m) => ({ clinicId: t.clinic.id, patientId: patient.id, createdBy: t.referrer.id, status, ...m }))))
      .returning();
    const ids = made.map((c) => c.id);
    const selected = async (condition: ReturnType<typeof submissionStateSql>) =>
      (await db.select({ id: cases.id }).from(cases).where(and(inArray(cases.id, ids), condition))).map((r) => r.id).sort();
    const named = (keep: (c: (typeof made)[number]) => boolean) => made.filter(keep).map((c) => c.id).sort();

    for (const state of [null, ...SUBMISSION_STATES]) {
      expect(await selected(submissionStateSql(state)), String(state)).toEqual(named((c) => submissionState(c) === state));
    }
    expect(named((c) => submissionState(c) !== null)).toHaveLength(2); // only drafts carry one
    for (const kind of ["task", "serviceRequest"] as const) {
      const values = new Set([...Object.values(STATUS_MAP), ...Object.values(SUBMISSION_MAP)].map((s) => s[kind]));
      for (const value of values) {
        expect(await selected(fhirStatusSql(kind, [value])), `${kind} ${value}`).toEqual(named((c) => caseFhirStatus(c)[kind] === value));
      }
    }
  });
});
