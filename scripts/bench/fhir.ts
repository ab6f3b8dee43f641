/**
 * `npm run bench:fhir [-- N]`: the FHIR interface against the bare reads of the same rows, in its
 * own database, interleaved so drift hits all alike:
 *   - `Patient/{id}/$everything` (route handler in-process: session, scope, policy, audit row,
 *     graph queries, mapping, JSON) for a patient with 20 closed cases × 5 photos, vs the bare SQL
 *     selects of the same rows (patient, cases, photos, messages, consultations, identifiers, users);
 *   - a 100-case `Task?status=received&_count=100` page vs the bare SQL of the same rows;
 *   - ingest: a 2-photo transaction Bundle end to end vs the same case created through /api/v1
 *     (POST patients, POST cases, two multipart photo uploads); and an `active` 2-photo Bundle
 *     (complete history), whose request stores the photos as received and marks the case to be
 *     submitted by the worker (lib/cases/submit-when-ready.ts) — no decoding in the request.
 * Prints p50/p95 in ms and the ratios (targets: reads ≤ 2× bare, ingest p95 ≤ 1.5× /api/v1).
 * Validation is not on the hot path of reads (it runs in tests); ingest validates what arrives.
 */
import { freshDatabase, out, sessionCookie, setBenchEnv, stats } from "./support";

const N = Number(process.argv[2] ?? 200);
const INGEST_N = Math.max(10, Math.round(N / 8));
const dbUrl = process.env.BENCH_FHIR_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/dermrelay_bench_fhir";
setBenchEnv("fhir", dbUrl);
process.env.STORAGE_DIR ??= `.data/bench-fhir-objects`;
await freshDatabase(dbUrl);

const { db, pool } = await import("@/lib/db/client");
const { sql, eq, inArray, and, asc } = await import("drizzle-orm");
const schema = await import("@/lib/db/schema");
const { closeQueues } = await import("@/lib/queue/queues");
const { texturedImage } = await import("@/tests/fixtures/images");
const opRoute = await import("@/app/fhir/R4/[type]/[id]/[operation]/route");
const searchRoute = await import("@/app/fhir/R4/[type]/route");
const txRoute = await import("@/app/fhir/R4/route");
const patientsRoute = await import("@/app/api/v1/patients/route");
const casesRoute = await import("@/app/api/v1/cases/route");
const photosRoute = await import("@/app/api/v1/cases/[id]/photos/route");
const { warmValidators } = await import("@/lib/fhir/validate");
const { referralBundle } = await import("@/tests/support/fhir-bundle");

// ---- seed ----
const [clinic] = await db.insert(schema.clinics).values({ name: "Bench clinic" }).returning();
const [referrer] = await db.insert(schema.users).values({ email: "bench-ref@bench.test", name: "Bench referrer", role: "referrer", clinicId: clinic!.id }).returning();
const [specialist] = await db.insert(schema.users).values({ email: "bench-spec@bench.test", name: "Bench specialist", role: "specialist" }).returning();
const [patient] = await db.insert(schema.patients).values({ clinicId: clinic!.id, mrn: "BENCH-1", givenName: "Bench", familyName: "Patient", birthDate: "1960-01-01", sex: "female" }).returning();
const history = { referralQuestion: "bench", suspected: "unknown", requestedUrgency: "routine", onset: "1 month", evolution: "stable", bodySites: ["39937001"], priorTreatments: "none", medications: "none", allergies: "none", consent: { given: true, by: "patient", at: "2026-01-01T00:00:00Z" } };
await db.execute(sql`
  insert into cases (clinic_id, patient_id, created_by, status, history, priority, priority_rank, submitted_at, triaged_at, answered_at, closed_at, sla_due_at)
  select ${clinic!.id}, ${patient!.id}, ${referrer!.id}, 'closed', ${JSON.stringify(history)}::jsonb, 'routine', 2,
         now() - g * interval '1 day', now() - g * interval '1 day', now() - g * interval '1 day' + interval '1 hour', now() - g * interval '1 day' + interval '2 hours', now()
  from generate_series(1, 20) g`);
const everythingCases = await db.select({ id: schema.cases.id }).from(schema.cases).where(eq(schema.cases.patientId, patient!.id));
await db.execute(sql`
  insert into photos (case_id, clinic_id, view, body_site, status, mime, size_bytes, sha256, key_id, width, height, processed_at)
  select c.id, c.clinic_id, 'closeup', '39937001', 'ready', 'image/jpeg', 1000, 'x', 'k', 2048, 1536, now()
  from cases c, generate_series(1, 5) g where c.patient_id = ${patient!.id}`);
await db.execute(sql`insert into consultations (case_id, specialist_id, diagnosis, diagnosis_code, plan, disposition)
  select id, ${specialist!.id}, 'Benign naevus', 'D22.5', 'Reassure', 'reassure' from cases where patient_id = ${patient!.id}`);
await db.execute(sql`
  with p as (insert into patients (clinic_id, mrn, given_name, family_name, birth_date, sex)
             select ${clinic!.id}, 'BQ-' || g, 'Queue', 'Patient', date '1950-01-01' + g, 'male' from generate_series(1, 100) g returning id)
  insert into cases (clinic_id, patient_id, created_by, status, history, priority, priority_rank, submitted_at, triaged_at, sla_due_at)
  select ${clinic!.id}, p.id, ${referrer!.id}, 'triaged', ${JSON.stringify(history)}::jsonb, 'soon', 1, now(), now(), now() + interval '3 days' from p`);
await db.execute(sql`
  insert into photos (case_id, clinic_id, view, body_site, status, mime, size_bytes, sha256, key_id, width, height, processed_at)
  select c.id, c.clinic_id, 'overview', '39937001', 'ready', 'image/jpeg', 1000, 'x', 'k', 2048, 1536, now() from cases c where c.status = 'triaged'`);
const cookie = await sessionCookie(db, referrer!.id);
const seg = <P>(p: P) => ({ params: Promise.resolve(p) });
const base = "http://localhost:3000";

// ---- the bare reads of the same rows ----
async function bareGraph(caseIds: string[]) {
  await Promise.all([
    db.select().from(schema.cases).innerJoin(schema.patients, eq(schema.patients.id, schema.cases.patientId)).innerJoin(schema.clinics, eq(schema.clinics.id, schema.cases.clinicId)).where(inArray(schema.cases.id, caseIds)),
    db.select().from(schema.photos).where(inArray(schema.photos.caseId, caseIds)),
    db.select().from(schema.messages).where(inArray(schema.messages.caseId, caseIds)),
    db.select().from(schema.consultations).where(inArray(schema.consultations.caseId, caseIds)),
    db.select().from(schema.fhirCaseIdentifiers).where(inArray(schema.fhirCaseIdentifiers.caseId, caseIds)),
  ]);
}
async function bareEverything() {
  await db.select().from(schema.patients).where(eq(schema.patients.id, patient!.id));
  const ids = (await db.select({ id: schema.cases.id }).from(schema.cases).where(and(eq(schema.cases.patientId, patient!.id), eq(schema.cases.clinicId, clinic!.id))).orderBy(asc(schema.cases.createdAt))).map((r) => r.id);
  await bareGraph(ids);
  await db.select().from(schema.users).where(inArray(schema.users.id, [referrer!.id, specialist!.id]));
}
/** A Task carries the case, its patient reference and clinic only: those are the rows it reads. */
async function bareTaskPage() {
  const ids = (await db.select({ id: schema.cases.id }).from(schema.cases).where(and(eq(schema.cases.clinicId, clinic!.id), eq(schema.cases.status, "triaged"))).orderBy(asc(schema.cases.createdAt), asc(schema.cases.id)).limit(101)).map((r) => r.id);
  await db.select().from(schema.cases).innerJoin(schema.patients, eq(schema.patients.id, schema.cases.patientId)).innerJoin(schema.clinics, eq(schema.clinics.id, schema.cases.clinicId)).where(inArray(schema.cases.id, ids.slice(0, 100)));
}
const everything = async () => {
  const res = await opRoute.GET(new Request(`${base}/fhir/R4/Patient/${patient!.id}/$everything`, { headers: { cookie } }), seg({ type: "Patient", id: patient!.id, operation: "$everything" }));
  if (res.status !== 200) throw new Error(`$everything ${res.status}`);
  await res.text();
};
const taskPage = async () => {
  const res = await searchRoute.GET(new Request(`${base}/fhir/R4/Task?status=received&_count=100`, { headers: { cookie } }), seg({ type: "Task" }));
  if (res.status !== 200) throw new Error(`Task search ${res.status}`);
  const body = JSON.parse(await res.text());
  if (body.entry.length !== 100) throw new Error(`Task page has ${body.entry.length} entries`);
};

async function measure(label: string, rounds: number, fns: Record<string, () => Promise<void>>) {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let i = 0; i < Math.min(20, rounds); i++) for (const fn of Object.values(fns)) await fn();
  for (let i = 0; i < rounds; i++) {
    for (const [k, fn] of Object.entries(fns)) {
      const t = performance.now();
      await fn();
      times[k]!.push(performance.now() - t);
    }
  }
  out(`\n${label} (${rounds} rounds, ms)`);
  const s = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, stats(xs)]));
  for (const [k, v] of Object.entries(s)) out(`  ${k.padEnd(28)} p50 ${v.median.toFixed(2).padStart(8)}  p95 ${v.p95.toFixed(2).padStart(8)}`);
  return s;
}

out(`seeded: 1 patient × ${everythingCases.length} closed cases × 5 photos; 100 triaged cases`);
const ev = await measure("Patient/$everything", N, { endpoint: everything, "bare SQL": bareEverything });
const tp = await measure("Task?status=received&_count=100", N, { endpoint: taskPage, "bare SQL": bareTaskPage });

// ---- ingest ----
warmValidators();
const photoBytes = [await texturedImage(1600, 1200, 1).jpeg({ quality: 90 }).toBuffer(), await texturedImage(1600, 1200, 2).jpeg({ quality: 90 }).toBuffer()];
// The upload rate limit (30 a minute per user) is part of both paths; a fresh referrer per round
// keeps the bench measuring the work, not the bucket.
const ingestCookies: string[] = [];
for (let i = 0; i < 3 * (INGEST_N + 20); i++) {
  const [u] = await db.insert(schema.users).values({ email: `bench-ingest-${i}@bench.test`, name: "Bench referrer", role: "referrer", clinicId: clinic!.id }).returning();
  ingestCookies.push(await sessionCookie(db, u!.id));
}
let n = 0;
const ingestFhir = async () => {
  n++;
  const cookie = ingestCookies[n - 1]!;
  const bundle = {
    resourceType: "Bundle",
    type: "transaction",
    entry: [
      { fullUrl: "urn:uuid:00000000-0000-4000-8000-000000000001", resource: { resourceType: "Patient", identifier: [{ type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] }, system: "http://ehr.example/mrn", value: `F-${n}` }], name: [{ family: "Bench", given: ["Ingest"] }], gender: "female", birthDate: "1970-01-01" }, request: { method: "POST", url: "Patient" } },
      { resource: { resourceType: "ServiceRequest", identifier: [{ system: "http://ehr.example/ref", value: `R-${n}` }], status: "draft", intent: "order", subject: { reference: "urn:uuid:00000000-0000-4000-8000-000000000001" }, note: [{ text: "bench" }], bodySite: [{ coding: [{ system: "http://snomed.info/sct", code: "39937001" }] }] }, request: { method: "POST", url: "ServiceRequest" } },
      ...photoBytes.map((b) => ({ resource: { resourceType: "Media", status: "completed", subject: { reference: "urn:uuid:00000000-0000-4000-8000-000000000001" }, view: { coding: [{ code: "overview" }] }, bodySite: { coding: [{ system: "http://snomed.info/sct", code: "39937001" }] }, content: { contentType: "image/jpeg", data: b.toString("base64") } }, request: { method: "POST", url: "Media" } })),
    ],
  };
  const res = await txRoute.POST(new Request(`${base}/fhir/R4`, { method: "POST", headers: { cookie, "content-type": "application/fhir+json" }, body: JSON.stringify(bundle) }), seg({}));
  if (res.status !== 200) throw new Error(`ingest ${res.status} ${await res.text()}`);
};
const ingestActive = async () => {
  n++;
  const bundle = referralBundle({ mrn: `FA-${n}`, identifier: `RA-${n}`, status: "active", photos: photoBytes });
  const res = await txRoute.POST(new Request(`${base}/fhir/R4`, { method: "POST", headers: { cookie: ingestCookies[n - 1]!, "content-type": "application/fhir+json" }, body: JSON.stringify(bundle) }), seg({}));
  if (res.status !== 200) throw new Error(`ingest active ${res.status} ${await res.text()}`);
};
const ingestApi = async () => {
  n++;
  const cookie = ingestCookies[n - 1]!;
  const jsonReq = (path: string, body: unknown) => new Request(`${base}${path}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
  const p = await (await patientsRoute.POST(jsonReq("/api/v1/patients", { mrn: `A-${n}`, givenName: "Ingest", familyName: "Bench", birthDate: "1970-01-01", sex: "female" }), seg({}))).json();
  const c = await (await casesRoute.POST(jsonReq("/api/v1/cases", { patientId: p.id, history: { referralQuestion: "bench", bodySites: ["39937001"] } }), seg({}))).json();
  for (const b of photoBytes) {
    const form = new FormData();
    form.set("view", "overview");
    form.set("bodySite", "39937001");
    form.set("file", new Blob([new Uint8Array(b)], { type: "image/jpeg" }), "p.jpg");
    const res = await photosRoute.POST(new Request(`${base}/api/v1/cases/${c.id}/photos`, { method: "POST", headers: { cookie }, body: form }), seg({ id: c.id }));
    if (res.status !== 201) throw new Error(`upload ${res.status}`);
  }
};
const ing = await measure("ingest: 2-photo referral", INGEST_N, { "FHIR transaction": ingestFhir, "FHIR transaction, active": ingestActive, "/api/v1 (4 calls)": ingestApi });

const ratio = (a: { p95: number }, b: { p95: number }) => a.p95 / b.p95;
const ok = (b: boolean) => (b ? "met" : "NOT met");
out("\ntargets");
out(`  $everything p95 ≤ 2× bare SQL     ${ratio(ev.endpoint!, ev["bare SQL"]!).toFixed(2)}×  ${ok(ratio(ev.endpoint!, ev["bare SQL"]!) <= 2)}   (p50 ${(ev.endpoint!.median / ev["bare SQL"]!.median).toFixed(2)}×)`);
out(`  Task page p95 ≤ 2× bare SQL       ${ratio(tp.endpoint!, tp["bare SQL"]!).toFixed(2)}×  ${ok(ratio(tp.endpoint!, tp["bare SQL"]!) <= 2)}   (p50 ${(tp.endpoint!.median / tp["bare SQL"]!.median).toFixed(2)}×)`);
out(`  ingest p95 ≤ 1.5× /api/v1         ${ratio(ing["FHIR transaction"]!, ing["/api/v1 (4 calls)"]!).toFixed(2)}×  ${ok(ratio(ing["FHIR transaction"]!, ing["/api/v1 (4 calls)"]!) <= 1.5)}`);
await closeQueues();
await pool.end();
