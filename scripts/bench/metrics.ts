/**
 * `npm run bench:metrics [-- N]`: seeds 1,000,000 answered cases with their case_events (about 5.3
 * million rows: submitted, triaged, claimed, answered, mostly closed; one in ten with an info round
 * trip) into its own database, then times the turnaround endpoint — the real route handler,
 * in-process, with a real admin session (auth, zod, SQL, DTOs, JSON) — against the bare SQL
 * aggregate of the same report on the pool, interleaved, N rounds each (default 5), for the
 * dashboard's default 12-week range and for a whole year, grouped by week and by clinic.
 * The bare SQL runs exactly as the service runs it (same statement, same SET LOCAL work_mem).
 * Prints median and p95 in ms and the endpoint/bare ratio (target ≤ 1.5×). A script, not a test.
 */
import { freshDatabase, out, sessionCookie, setBenchEnv, stats } from "./support";

const N = Number(process.argv[2] ?? 5);
const CASES = Number(process.env.BENCH_METRICS_CASES ?? 1_000_000);
const dbUrl = process.env.BENCH_METRICS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/dermrelay_bench_metrics";
setBenchEnv("metrics", dbUrl);
const reuse = process.env.BENCH_METRICS_REUSE === "1";

if (!reuse) await freshDatabase(dbUrl);
const { db, pool } = await import("@/lib/db/client");
const { sql } = await import("drizzle-orm");
const { turnaroundSql, runReportSql } = await import("@/lib/metrics/turnaround");
const { resolveRange } = await import("@/lib/metrics/range");
const { closeQueues } = await import("@/lib/queue/queues");
const route = await import("@/app/api/v1/metrics/turnaround/route");

const DAY = "interval '1 day'";
if (!reuse) {
  out(`seeding ${CASES.toLocaleString("en")} answered cases with events…`);
  const t0 = performance.now();
  await db.execute(sql`insert into clinics (name) select 'Bench clinic ' || g from generate_series(1, 12) g`);
  await db.execute(sql`insert into users (email, name, role) select 'bench-spec-' || g || '@bench.test', 'Bench specialist ' || g, 'specialist' from generate_series(1, 15) g`);
  await db.execute(sql`insert into users (email, name, role, clinic_id) select 'bench-ref-' || c.name || '@bench.test', 'Bench referrer', 'referrer', c.id from clinics c`);
  await db.execute(sql`insert into users (email, name, role) values ('bench-admin@bench.test', 'Bench admin', 'admin')`);
  await db.execute(sql`
    insert into patients (clinic_id, mrn, given_name, family_name, birth_date, sex)
    select c.id, 'B-' || c.name || '-' || g, 'Bench', 'Patient', date '1950-01-01' + g, 'unknown' from clinics c, generate_series(1, 50) g`);
  // One case every ~31.5 s over the last year; turnaround spread by a hash of the index.
  await db.execute(sql`
    create temporary table seed as
    with p as (select id, clinic_id, row_number() over (order by id) as n from patients),
         s as (select id, row_number() over (order by id) as n from users where role = 'specialist'),
         g as (select g, g % 3 as rank, (g * 2654435761 % 1000) / 1000.0 as r from generate_series(1, ${CASES}) g)
    select gen_random_uuid() as id, p.clinic_id, p.id as patient_id, s.id as spec_id, g.g, g.rank, g.r,
           date_trunc('milliseconds', now() - ${sql.raw(DAY)} - g.g * interval '31.5 seconds') as submitted_at,
           (array[24, 72, 168])[g.rank + 1] as window_h
    from g join p on p.n = 1 + g.g % 600 join s on s.n = 1 + g.g % 15`);
  await db.execute(sql`
    insert into cases (id, clinic_id, patient_id, created_by, status, priority, priority_rank, submitted_at, triaged_at, sla_due_at, answered_at, closed_at, paused_ms)
    select s.id, s.clinic_id, s.patient_id, (select id from users where clinic_id = s.clinic_id limit 1),
           case when s.g % 10 < 7 then 'closed' else 'answered' end::case_status,
           (array['urgent','soon','routine'])[s.rank + 1]::priority, s.rank, s.submitted_at, s.submitted_at + interval '3 minutes',
           s.submitted_at + s.window_h * interval '1 hour' + case when s.g % 10 = 3 then interval '20 hours' else interval '0' end,
           s.submitted_at + s.window_h * s.r * 1.2 * interval '1 hour' + case when s.g % 10 = 3 then interval '20 hours' else interval '0' end,
           null, case when s.g % 10 = 3 then 72000000 else 0 end
    from seed s`);
  await db.execute(sql`
    insert into case_events (case_id, from_status, to_status, actor_id, at)
    select s.id, e.from_s::case_status, e.to_s::case_status, case when e.to_s in ('in_review', 'awaiting_info', 'answered') then s.spec_id end, e.at
    from seed s
    cross join lateral (values
      ('draft', 'submitted', s.submitted_at),
      ('submitted', 'triaged', s.submitted_at + interval '3 minutes'),
      ('triaged', 'in_review', s.submitted_at + s.window_h * s.r * 0.5 * interval '1 hour')
    ) e(from_s, to_s, at)`);
  // One in ten: an info round trip of 20 h between the first claim and the answer.
  await db.execute(sql`
    insert into case_events (case_id, from_status, to_status, actor_id, at)
    select s.id, e.from_s::case_status, e.to_s::case_status, s.spec_id, e.at
    from seed s
    cross join lateral (values
      ('in_review', 'awaiting_info', s.submitted_at + s.window_h * s.r * 0.6 * interval '1 hour'),
      ('awaiting_info', 'triaged', s.submitted_at + s.window_h * s.r * 0.6 * interval '1 hour' + interval '20 hours'),
      ('triaged', 'in_review', s.submitted_at + s.window_h * s.r * 0.6 * interval '1 hour' + interval '20 hours 5 minutes')
    ) e(from_s, to_s, at)
    where s.g % 10 = 3`);
  await db.execute(sql`
    insert into case_events (case_id, from_status, to_status, actor_id, at)
    select c.id, 'in_review', 'answered', s.spec_id, c.answered_at from cases c join seed s on s.id = c.id`);
  await db.execute(sql`
    insert into case_events (case_id, from_status, to_status, at)
    select c.id, 'answered', 'closed', c.answered_at + interval '30 hours' from cases c where c.status = 'closed'`);
  await db.execute(sql`update cases set closed_at = answered_at + interval '30 hours' where status = 'closed'`);
  await db.execute(sql`vacuum analyze cases`);
  await db.execute(sql`vacuum analyze case_events`);
  const [{ n } = { n: "0" }] = (await db.execute<{ n: string }>(sql`select count(*)::text as n from case_events`)).rows;
  out(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${Number(n).toLocaleString("en")} case_events)`);
}

// ---- admin session ----
const [admin] = (await db.execute<{ id: string }>(sql`select id from users where role = 'admin' limit 1`)).rows;
const cookie = await sessionCookie(db, admin!.id);

const now = new Date();
const year = resolveRange(new Date(now.getTime() - 364 * 86_400_000).toISOString().slice(0, 10), undefined, now);
const twelveWeeks = resolveRange(undefined, undefined, now);
const scenarios = [
  { name: "12 weeks by week", range: twelveWeeks, groupBy: "week" as const },
  { name: "12 weeks by clinic", range: twelveWeeks, groupBy: "clinic" as const },
  { name: "1 year by week", range: year, groupBy: "week" as const },
];

out(`\n${N} rounds each, interleaved (ms)`);
out("scenario               cases      bare median  bare p95   endpoint median  endpoint p95  ratio (median)");
for (const s of scenarios) {
  const bare: number[] = [];
  const api: number[] = [];
  let count = 0;
  // One warm-up of each.
  await runReportSql(db, turnaroundSql(s.range, s.groupBy, now));
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    await runReportSql(db, turnaroundSql(s.range, s.groupBy, now));
    bare.push(performance.now() - t);
    t = performance.now();
    const res = await route.GET(new Request(`http://localhost/api/v1/metrics/turnaround?from=${s.range.fromDay}&to=${s.range.toDay}&groupBy=${s.groupBy}`, { headers: { cookie } }), { params: Promise.resolve({}) });
    const body = await res.json();
    api.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`endpoint answered ${res.status}: ${JSON.stringify(body)}`);
    count = body.overall.count;
  }
  const b = stats(bare);
  const a = stats(api);
  out(
    `${s.name.padEnd(22)} ${String(count).padStart(9)}  ${b.median.toFixed(0).padStart(11)}  ${b.p95.toFixed(0).padStart(8)}   ${a.median.toFixed(0).padStart(15)}  ${a.p95.toFixed(0).padStart(12)}  ${(a.median / b.median).toFixed(2)}×`,
  );
}

await closeQueues();
await pool.end();
