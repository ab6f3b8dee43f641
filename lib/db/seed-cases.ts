/**
 * Demo cases in every lifecycle state, with photos generated and sent through the real photo
 * pipeline (encrypted storage, metadata stripping, renditions). Transitions go through the
 * lifecycle module so events and timings look like real use. Runs once: skipped when the demo
 * clinics already have cases.
 */
import { inArray, count } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Database } from "./client";
import { cases, consultations, messages, photos } from "./schema";
import type { RequestContext, SystemContext } from "../auth/actor";
import type { HistoryInput } from "../cases/history";
import { recordCreated, transition } from "../cases/state";
import { runPhotoPipeline } from "../photos/pipeline";
import { photoObjectKey, photoStore } from "../photos/store";
import { triageCase } from "../triage/run";
import { lesionPhoto } from "./seed-photos";
import type { SeedResult } from "./seed";

type Target = "draft" | "triaged" | "in_review" | "awaiting_info" | "answered" | "closed" | "withdrawn";

type DemoCase = { mrn: string; target: Target; hoursAgo: number; history: Partial<HistoryInput>; photos: number };

const base: HistoryInput = {
  referralQuestion: "Please assess this lesion and advise on management.",
  suspected: "unknown",
  requestedUrgency: "routine",
  onset: "3 months",
  evolution: "stable",
  bodySites: ["14975008"],
  priorTreatments: "none",
  medications: "none",
  allergies: "none",
  consent: { given: true, by: "patient", at: "2026-11-01T09:00:00Z" },
};

const DEMO_CASES: DemoCase[] = [
  { mrn: "NS-1001", target: "triaged", hoursAgo: 5, photos: 2, history: { suspected: "melanoma", evolution: "changed", referralQuestion: "Changing mole on the back; melanoma?", bodySites: ["699893008"], abcde: { asymmetry: true, border: true, colour: true, diameter: false, evolving: true } } },
  { mrn: "RS-2002", target: "triaged", hoursAgo: 30, photos: 1, history: { suspected: "bcc", requestedUrgency: "soon", referralQuestion: "Pearly nodule on the nose for 6 months", bodySites: ["113179006"] } },
  { mrn: "NS-1003", target: "triaged", hoursAgo: 50, photos: 1, history: { suspected: "inflammatory", referralQuestion: "Itchy scaly plaques on both elbows", symptoms: { itch: true, pain: false, bleeding: false, ulceration: false, scaling: true } } },
  { mrn: "RS-2001", target: "in_review", hoursAgo: 20, photos: 2, history: { suspected: "scc", referralQuestion: "Crusted lesion on the hand, growing", bodySites: ["281642007"] } },
  { mrn: "NS-1004", target: "awaiting_info", hoursAgo: 40, photos: 1, history: { suspected: "other", referralQuestion: "Rash on the lower leg" } },
  { mrn: "RS-2003", target: "answered", hoursAgo: 70, photos: 1, history: { suspected: "infection", referralQuestion: "Annular rash on the thigh" } },
  { mrn: "NS-1002", target: "closed", hoursAgo: 120, photos: 1, history: { suspected: "inflammatory", referralQuestion: "Acne not responding to treatment" } },
  { mrn: "RS-2002", target: "withdrawn", hoursAgo: 90, photos: 1, history: { suspected: "other", referralQuestion: "Seborrhoeic keratosis? Patient reassured" } },
  { mrn: "NS-1002", target: "draft", hoursAgo: 1, photos: 0, history: { referralQuestion: "Dark streak in a fingernail" } },
];

/** Create the demo cases unless the demo clinics already have some. */
export async function seedCases(db: Database, ids: SeedResult): Promise<number> {
  const clinicIds = Object.values(ids.clinicIds);
  const [existing] = await db.select({ n: count() }).from(cases).where(inArray(cases.clinicId, clinicIds));
  if ((existing?.n ?? 0) > 0) return 0;

  const system: SystemContext = { actor: null, requestId: randomUUID(), ip: null };
  const specialistId = ids.userIds["specialist@demo.test"]!;
  const specialist: RequestContext = { actor: { id: specialistId, role: "specialist", clinicId: null, email: "specialist@demo.test", name: "Dr. Sasha Okafor", sessionId: null }, requestId: randomUUID(), ip: null };
  let seed = 1;
  for (const demo of DEMO_CASES) {
    const clinicId = demo.mrn.startsWith("NS") ? ids.clinicIds["Northside Family Practice"]! : ids.clinicIds["Riverside Health Centre"]!;
    const referrerEmail = demo.mrn.startsWith("NS") ? "referrer@northside.test" : "referrer@riverside.test";
    const referrerId = ids.userIds[referrerEmail]!;
    const referrer: RequestContext = { actor: { id: referrerId, role: "referrer", clinicId, email: referrerEmail, name: "", sessionId: null }, requestId: randomUUID(), ip: null };
    const at = (h: number) => new Date(Date.now() - h * 3600_000);
    const history = demo.target === "draft" ? demo.history : { ...base, ...demo.history };
    const [row] = await db
      .insert(cases)
      .values({ clinicId, patientId: ids.patientIds[demo.mrn]!, createdBy: referrerId, history, createdAt: at(demo.hoursAgo + 1), updatedAt: at(demo.hoursAgo + 1) })
      .returning();
    const caseId = row!.id;
    await recordCreated(db, referrer, caseId, at(demo.hoursAgo + 1));
    for (let i = 0; i < demo.photos; i++) {
      const id = randomUUID();
      const bytes = await lesionPhoto(seed++, 1600, 1200, seed % 4);
      const { keyId } = await photoStore().putObject(photoObjectKey(id, "original"), bytes);
      await db.insert(photos).values({ id, caseId, clinicId, view: i === 0 ? "overview" : "closeup", bodySite: (history.bodySites ?? ["14975008"])[0]!, mime: "image/jpeg", sizeBytes: bytes.length, sha256: "seed", keyId, uploadedBy: referrerId });
      await runPhotoPipeline(db, system, id);
    }
    if (demo.target === "draft") continue;
    await transition(db, referrer, caseId, "submit", { submittedAt: at(demo.hoursAgo) }, { at: at(demo.hoursAgo) });
    await triageCase(db, system, caseId, at(demo.hoursAgo - 0.02));
    if (demo.target === "withdrawn") {
      await transition(db, referrer, caseId, "withdraw", {}, { at: at(demo.hoursAgo - 2) });
      continue;
    }
    if (demo.target === "triaged") continue;
    const claimAt = at(Math.max(demo.hoursAgo - 4, 0.2));
    await transition(db, specialist, caseId, "claim", { claimedBy: specialistId, claimedAt: claimAt, lastActivityAt: new Date() }, { at: claimAt });
    if (demo.target === "in_review") continue;
    if (demo.target === "awaiting_info") {
      await transition(db, specialist, caseId, "request_info", { claimedBy: null, pausedAt: at(demo.hoursAgo - 5) }, { at: at(demo.hoursAgo - 5) });
      await db.insert(messages).values({ caseId, kind: "info_request", body: "How long has the rash been present, and has any cream been tried?", authorId: specialistId, authorRole: "specialist", createdAt: at(demo.hoursAgo - 5) });
      continue;
    }
    const answeredAt = at(demo.hoursAgo - 8);
    await transition(db, specialist, caseId, "reply", { answeredAt }, { at: answeredAt });
    await db.insert(consultations).values({
      caseId,
      specialistId,
      diagnosis: demo.target === "closed" ? "Acne vulgaris, moderate" : "Tinea corporis",
      diagnosisCode: demo.target === "closed" ? "L70.0" : "B35.4",
      differential: demo.target === "closed" ? "Rosacea" : "Nummular eczema",
      plan: demo.target === "closed" ? "Topical adapalene/benzoyl peroxide for 12 weeks." : "Topical terbinafine twice daily for 2 weeks.",
      disposition: "manage_in_primary_care",
      followUp: "Re-refer if no improvement in 3 months.",
      createdAt: answeredAt,
    });
    if (demo.target === "closed") await transition(db, referrer, caseId, "acknowledge", { closedAt: at(demo.hoursAgo - 10) }, { at: at(demo.hoursAgo - 10) });
  }
  return DEMO_CASES.length;
}
