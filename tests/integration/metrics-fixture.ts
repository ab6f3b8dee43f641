/**
 * A hand-built metrics fixture: cases and case_events inserted directly with known timestamps
 * (in March 2021, a range no other test touches), so every median and p90 has a known answer.
 * Not a test file itself (no `.test.`): the metrics tests import it.
 */
import { db } from "@/lib/db/client";
import { caseEvents, cases, photos } from "@/lib/db/schema";
import type { CaseStatus, Priority } from "@/lib/db/schema/enums";
import { createClinic, createPatient, createUser } from "../support/factories";

const H = 3600_000;
const M = 60_000;

export type Step = [CaseStatus, number, string | null];

/** Insert a case with its status events at known offsets (ms) from `submittedAt`; returns its id. */
export async function insertCase(o: {
  clinicId: string;
  createdBy: string;
  priority: Priority | null;
  submittedAt: Date;
  slaHours: number | null;
  pausedMs?: number;
  steps: Step[];
  fitzpatrick?: number | null;
}) {
  const patient = await createPatient(o.clinicId, { fitzpatrick: o.fitzpatrick ?? null });
  const last = o.steps.at(-1)!;
  const at = (offset: number) => new Date(o.submittedAt.getTime() + offset);
  const [row] = await db
    .insert(cases)
    .values({
      clinicId: o.clinicId,
      patientId: patient.id,
      createdBy: o.createdBy,
      status: last[0],
      priority: o.priority,
      priorityRank: o.priority ? ["urgent", "soon", "routine"].indexOf(o.priority) : null,
      submittedAt: o.submittedAt,
      // The deadline in force: extended by paused time, as the review flow does after an info round trip.
      slaDueAt: o.slaHours === null ? null : at(o.slaHours * H + (o.pausedMs ?? 0)),
      pausedMs: o.pausedMs ?? 0,
      createdAt: at(-H),
    })
    .returning({ id: cases.id });
  let from: CaseStatus | null = "draft";
  await db.insert(caseEvents).values({ caseId: row!.id, fromStatus: null, toStatus: "draft", at: at(-H) });
  for (const [to, offset, actorId] of [["submitted", 0, o.createdBy] as Step, ...o.steps]) {
    await db.insert(caseEvents).values({ caseId: row!.id, fromStatus: from, toStatus: to, at: at(offset), actorId, actorRole: null });
    from = to;
  }
  return row!.id;
}

/** Build the fixture; returns ids for assertions. */
export async function buildMetricsFixture() {
  const clinicA = await createClinic("Fixture Alpha clinic");
  const clinicB = await createClinic("Fixture Beta clinic");
  const refA = await createUser("referrer", clinicA.id);
  const refB = await createUser("referrer", clinicB.id);
  const s1 = await createUser("specialist");
  const s2 = await createUser("specialist");
  const T0 = new Date("2021-03-01T08:00:00Z"); // Monday of ISO week 2021-W09

  // 1: urgent, answered in 6 h, acknowledged 24 h later; deadline 24 h → met.
  const c1 = await insertCase({
    clinicId: clinicA.id, createdBy: refA.id, priority: "urgent", submittedAt: T0, slaHours: 24,
    steps: [["triaged", 10 * M, null], ["in_review", 2 * H, s1.id], ["answered", 6 * H, s1.id], ["closed", 30 * H, refA.id]],
  });
  // 2: routine with an info round trip of 24 h: answered 35 h after submission → turnaround 11 h; met.
  const c2 = await insertCase({
    clinicId: clinicA.id, createdBy: refA.id, priority: "routine", submittedAt: new Date(T0.getTime() + H), slaHours: 168, pausedMs: 24 * H,
    steps: [
      ["triaged", 20 * M, null], ["in_review", 4 * H, s1.id], ["awaiting_info", 5 * H, s1.id],
      ["triaged", 29 * H, refA.id], ["in_review", 30 * H, s1.id], ["answered", 35 * H, s1.id],
    ],
  });
  // 3: soon, answered after 80 h against a 72 h deadline → breached (missed); acknowledged 2 h later. Week 2021-W10.
  const c3 = await insertCase({
    clinicId: clinicB.id, createdBy: refB.id, priority: "soon", submittedAt: new Date("2021-03-08T10:00:00Z"), slaHours: 72,
    steps: [["triaged", 30 * M, null], ["in_review", 50 * H, s2.id], ["answered", 80 * H, s2.id], ["closed", 82 * H, refB.id]],
  });
  // 4: routine, still in the queue long after its deadline → counts as missed.
  const c4 = await insertCase({
    clinicId: clinicB.id, createdBy: refB.id, priority: "routine", submittedAt: new Date("2021-03-09T10:00:00Z"), slaHours: 168,
    steps: [["triaged", 40 * M, null]],
  });
  // 5: withdrawn before triage: counted as submitted, no times, no SLA outcome.
  const c5 = await insertCase({
    clinicId: clinicA.id, createdBy: refA.id, priority: null, submittedAt: new Date("2021-03-10T10:00:00Z"), slaHours: null,
    steps: [["withdrawn", H, refA.id]],
  });

  const photo = (caseId: string, clinicId: string, status: "ready" | "rejected", flags: string[]) => ({
    caseId, clinicId, view: "overview" as const, bodySite: "39937001", status, mime: "image/jpeg", sizeBytes: 1000,
    sha256: "0".repeat(64), keyId: "k1",
    quality: status === "ready" ? { sharpness: 100, brightness: 120, clippedHighlights: 0, clippedShadows: 0, flags } : null,
  });
  await db.insert(photos).values([
    photo(c1, clinicA.id, "ready", ["blurry"]),
    photo(c2, clinicA.id, "ready", []),
    photo(c3, clinicB.id, "rejected", []),
  ]);
  return { clinicA, clinicB, s1, s2, cases: { c1, c2, c3, c4, c5 }, from: "2021-03-01", to: "2021-03-14" };
}
