/**
 * `npm run bench:load [-- seconds]` (default 60, or BENCH_LOAD_SECONDS): 50 virtual users through
 * real HTTP against `next start` of this build and the real worker (scripts/worker.sh, the
 * production allocator settings) for a fixed time — 30 referrers creating, photographing and
 * submitting cases (two of them always with 40 MP photos, so two are in flight most of the run),
 * 14 specialists claiming and replying, 6 admins reading the dashboard (scripts/bench/load-users.ts).
 * Prints requests, errors (target 0), p50/p95/p99 per route, and the worker's peak RSS sampled
 * from /proc, overall and while 40 MP photos were in flight (target ≤ 400 MB).
 *
 * Its own database (BENCH_LOAD_DATABASE_URL, default dermrelay_bench_load, recreated each run),
 * queue prefix, object directory and port (BENCH_LOAD_PORT, default 3190), so it never collides
 * with tests. Users sign in with API tokens an admin issues through POST /api/v1/tokens (the API's
 * way for non-browser clients). Rate limits stay as shipped: from loopback no proxy reports an
 * address, so each user draws from its own buckets (lib/http/rate-limit.ts), and one person's
 * pace (a step every ~0.5–1 s) is far below them.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { freshDatabase, out, sessionCookie, setBenchEnv } from "./support";
import { admin, Recorder, referrer, specialist, type World } from "./load-users";
import { fortyMegapixelJpegs } from "./big-photos";
import { sampleGroupRss } from "./process-rss";

const SECONDS = Number(process.argv[2] ?? process.env.BENCH_LOAD_SECONDS ?? 60);
const PORT = Number(process.env.BENCH_LOAD_PORT ?? 3190);
const MIX = { referrers: 30, bigReferrers: 2, specialists: 14, admins: 6 };
const dbUrl = process.env.BENCH_LOAD_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/dermrelay_bench_load";
setBenchEnv("load", dbUrl);
const storageDir = `.data/bench-load-${process.pid}`;
const appEnv: Record<string, string> = {
  DATABASE_URL: process.env.DATABASE_URL!,
  MIGRATION_DATABASE_URL: dbUrl,
  QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
  STORAGE_DIR: storageDir,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  AUDIT_ANCHOR_KEY: randomBytes(32).toString("base64"),
  MFA_REQUIRED_ROLES: "none",
  LOG_LEVEL: "warn",
  WORKER_HEARTBEAT_FILE: `/tmp/dermrelay-bench-load-heartbeat-${process.pid}`,
};
Object.assign(process.env, appEnv);

await freshDatabase(dbUrl);
const { db, pool } = await import("@/lib/db/client");
const { createClinic, createPatient, createUser } = await import("../../tests/support/factories");
const { routineHistory } = await import("../../tests/support/referrals");
const { startNextServer, stopGroup } = await import("../../tests/support/next-server");
const { startWorker } = await import("../../tests/support/worker-process");
const { lesionPhoto } = await import("@/lib/db/seed-photos");

// ---- people ----
const clinics = await Promise.all([0, 1, 2].map(() => createClinic()));
const referrers = await Promise.all(
  Array.from({ length: MIX.referrers }, async (_, i) => {
    const clinic = clinics[i % clinics.length]!;
    return { user: await createUser("referrer", clinic.id), patient: await createPatient(clinic.id) };
  }),
);
const specialists = await Promise.all(Array.from({ length: MIX.specialists }, () => createUser("specialist")));
const admins = await Promise.all(Array.from({ length: MIX.admins }, () => createUser("admin")));

// ---- processes (killed with this process, however it ends) ----
// The worker's "worker started" line is at info; its photo lines go to a pipe nobody prints.
const worker = await startWorker({ ...appEnv, LOG_LEVEL: "info" }, ["bash", "scripts/worker.sh"]);
process.on("exit", () => {
  try {
    process.kill(-worker.pid!, "SIGKILL");
  } catch {
    // already stopped
  }
});
const server = await startNextServer(PORT, appEnv);
process.on("exit", () => {
  try {
    process.kill(-server.proc.pid!, "SIGKILL");
  } catch {
    // already stopped
  }
});
const rss = sampleGroupRss(worker.pid!);
const idleMb = rss.now();

// Tokens through the real endpoint: the first admin signs in (a server-side session) and issues one per user.
const { cookie } = { cookie: await sessionCookie(db, admins[0]!.id) };
const tokenFor = async (userId: string) => {
  const res = await fetch(`${server.url}/api/v1/tokens`, {
    method: "POST",
    headers: { cookie, origin: server.url, "content-type": "application/json" },
    body: JSON.stringify({ userId, name: "bench:load", expiresInDays: 1 }),
  });
  if (res.status !== 201) throw new Error(`token issue failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
};
const tokens = new Map<string, string>();
for (const u of [...referrers.map((r) => r.user), ...specialists, ...admins]) tokens.set(u.id, await tokenFor(u.id));

// ---- photos: phone-sized lesions for most, the 40 MP worst case for two referrers ----
const small = await Promise.all([1, 2, 3, 4].map((seed) => lesionPhoto(seed, 2400, 1800, seed % 3)));
const big = (await fortyMegapixelJpegs([0, 5])).map((f) => readFileSync(f));

// ---- warm-up: one round of each person, unrecorded, so the server has loaded every route ----
const warm = (): World => ({ base: server.url, rec: new Recorder(), until: Date.now() + 1, bigInFlight: new Set(), history: routineHistory() });
const r0 = referrers[MIX.bigReferrers]!;
await referrer(warm(), tokens.get(r0.user.id)!, r0.patient.id, small[0]!, false);
await Promise.all([specialist(warm(), tokens.get(specialists[0]!.id)!), admin(warm(), tokens.get(admins[0]!.id)!)]);

// ---- run ----
const w: World = { base: server.url, rec: new Recorder(), until: Date.now() + SECONDS * 1000, bigInFlight: new Set(), history: routineHistory() };
rss.whileTrue(() => w.bigInFlight.size > 0);
let bigTogether = 0;
const pairs = setInterval(() => (bigTogether = Math.max(bigTogether, w.bigInFlight.size)), 100);
const started = Date.now();
out(`bench:load: ${SECONDS} s, ${MIX.referrers} referrers (${MIX.bigReferrers} with 40 MP photos), ${MIX.specialists} specialists, ${MIX.admins} admins on ${server.url}`);
await Promise.all([
  ...referrers.map((r, i) =>
    referrer(w, tokens.get(r.user.id)!, r.patient.id, i < MIX.bigReferrers ? big[i % big.length]! : small[i % small.length]!, i < MIX.bigReferrers),
  ),
  ...specialists.map((s) => specialist(w, tokens.get(s.id)!)),
  ...admins.map((a) => admin(w, tokens.get(a.id)!)),
]);
const wall = (Date.now() - started) / 1000;
clearInterval(pairs);
rss.stop();

// ---- report ----
const { rec } = w;
for (const line of rec.table()) out(line);
const answered = rec.samples.filter((x) => x.route.endsWith("/consultation") && x.status === 201).length;
const submitted = rec.samples.filter((x) => x.route.endsWith("/submit") && x.status === 200).length;
out(`cases submitted ${submitted}, answered ${answered}; steps started until ${SECONDS} s, then the ones under way finished`);
out(`requests ${rec.samples.length} in ${wall.toFixed(0)} s (${(rec.samples.length / wall).toFixed(1)}/s), errors ${rec.errors.length} (target 0)`);
const byStatus = new Map<string, number>();
for (const e of rec.errors) byStatus.set(`${e.route} → ${e.status}`, (byStatus.get(`${e.route} → ${e.status}`) ?? 0) + 1);
for (const [k, n] of byStatus) out(`  error ${k} ×${n}: ${rec.errors.find((e) => `${e.route} → ${e.status}` === k)!.detail}`);
out(`worker RSS: idle ${idleMb} MB before the run; peak ${rss.peak.processMb} MB; peak while 40 MP photos were in flight ${rss.peak.whileFlagMb} MB (target ≤ 400 MB; at most ${bigTogether} in flight at once); launcher group total peak ${rss.peak.groupMb} MB`);

await server.stop();
await stopGroup(worker);
await pool.end();
const { closeQueues } = await import("@/lib/queue/queues");
await closeQueues();
await rm(storageDir, { recursive: true, force: true });
await rm(appEnv.WORKER_HEARTBEAT_FILE!, { force: true });
process.exit(0);
