/**
 * The equity view (issue 15): cases of patients of several Fitzpatrick types (and none recorded),
 * inserted with known times, photos and dispositions in May 2019 (a range no other test uses), so
 * every rate, median, p90 and disposition count per type has a known answer.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as equity } from "@/app/api/v1/metrics/equity/route";
import { GET as turnaround } from "@/app/api/v1/metrics/turnaround/route";
import { db } from "@/lib/db/client";
import { consultations, photos } from "@/lib/db/schema";
import type { Disposition } from "@/lib/db/schema/enums";
import type { EquityReport, EquityRow } from "@/lib/metrics/equity";
import type { TurnaroundReport } from "@/lib/metrics/turnaround";
import { apiRequest, createClinic, createUser, params, sessionCookie } from "../support/factories";
import { insertCase } from "./metrics-fixture";

const H = 3600_000;
const T0 = new Date("2019-05-06T08:00:00Z");
const RANGE = "from=2019-05-06&to=2019-05-19";
let cookie: string;

beforeAll(async () => {
  const clinic = await createClinic("Equity fixture clinic");
  const ref = await createUser("referrer", clinic.id);
  const spec = await createUser("specialist");
  cookie = (await sessionCookie(await createUser("admin"))).cookie;

  let n = 0;
  /** A case answered after `hours` (deadline `sla` h) with `disposition`, or left in the queue when `hours` is null. */
  async function kase(fitzpatrick: number | null, hours: number | null, sla: number, disposition?: Disposition, submittedAt = new Date(T0.getTime() + n++ * H)) {
    const id = await insertCase({
      clinicId: clinic.id, createdBy: ref.id, priority: "routine", submittedAt, slaHours: sla, fitzpatrick,
      steps: hours === null ? [["triaged", H / 2, null]] : [["triaged", H / 4, null], ["in_review", H / 2, spec.id], ["answered", hours * H, spec.id]],
    });
    if (disposition) await db.insert(consultations).values({ caseId: id, specialistId: spec.id, diagnosis: "Seborrhoeic keratosis", plan: "Review", disposition });
    return id;
  }
  async function photo(caseId: string, status: "ready" | "rejected", flags: string[] = [], deleted = false) {
    await db.insert(photos).values({
      caseId, clinicId: clinic.id, view: "overview", bodySite: "39937001", status, mime: "image/jpeg", sizeBytes: 1000, sha256: "0".repeat(64), keyId: "k1",
      quality: status === "ready" ? { sharpness: 100, brightness: 120, clippedHighlights: 0, clippedShadows: 0, flags } : null,
      deletedAt: deleted ? new Date(T0.getTime() + 2 * H) : null,
    });
  }

  // Type I: answered in 4 h and 10 h (both within 24 h); photos: clean, blurry, unreadable.
  const i1 = await kase(1, 4, 24, "reassure");
  const i2 = await kase(1, 10, 24, "biopsy_recommended");
  await photo(i1, "ready");
  await photo(i1, "ready", ["blurry"]);
  await photo(i2, "rejected");
  // Type IV: answered in 2 h, 6 h and 30 h (the last past its 24 h deadline); one photo of four flagged twice; a deleted one ignored.
  const iv1 = await kase(4, 2, 24, "manage_in_primary_care");
  const iv2 = await kase(4, 6, 24, "manage_in_primary_care");
  const iv3 = await kase(4, 30, 24, "urgent_in_person");
  await photo(iv1, "ready");
  await photo(iv1, "ready", ["underexposed", "blurry"]);
  await photo(iv2, "ready");
  await photo(iv3, "ready");
  await photo(iv3, "rejected", [], true);
  // Type VI: still in the queue long past its deadline (missed), its only photo unreadable.
  const vi = await kase(6, null, 168);
  await photo(vi, "rejected");
  // Not recorded: answered in 12 h, no photos.
  await kase(null, 12, 24, "routine_in_person");
  // Outside the range: must not count.
  const late = await kase(1, 1, 24, "reassure", new Date("2019-05-20T08:00:00Z"));
  await photo(late, "rejected");
});

async function report(query = RANGE): Promise<EquityReport> {
  const res = await equity(apiRequest(`/api/v1/metrics/equity?${query}`, { cookie }), params({}));
  expect(res.status).toBe(200);
  return res.json();
}

const none = { reassure: 0, manage_in_primary_care: 0, routine_in_person: 0, urgent_in_person: 0, biopsy_recommended: 0 };
const empty = (skinType: string, label: string): EquityRow => ({
  skinType: skinType as EquityRow["skinType"], label, cases: 0, answered: 0, photos: 0, photosFlagged: 0, photosRejected: 0, flaggedPct: null, rejectedPct: null,
  turnaroundHours: { median: null, p90: null }, slaMet: 0, slaMissed: 0, slaMetPct: null, dispositions: none,
});

describe("equity view by Fitzpatrick skin type", () => {
  it("gives exact photo rates, turnaround and disposition counts per type, every type listed", async () => {
    const r = await report();
    expect(r).toMatchObject({ from: "2019-05-06", to: "2019-05-19", timezone: "UTC" });
    expect(r.rows).toEqual([
      {
        skinType: "I", label: "Type I", cases: 2, answered: 2, photos: 3, photosFlagged: 1, photosRejected: 1, flaggedPct: 33.3, rejectedPct: 33.3,
        // percentile_cont over 4 h and 10 h: median 7, p90 4 + 0.9 × 6
        turnaroundHours: { median: 7, p90: 9.4 }, slaMet: 2, slaMissed: 0, slaMetPct: 100,
        dispositions: { ...none, reassure: 1, biopsy_recommended: 1 },
      },
      empty("II", "Type II"),
      empty("III", "Type III"),
      {
        skinType: "IV", label: "Type IV", cases: 3, answered: 3, photos: 4, photosFlagged: 1, photosRejected: 0, flaggedPct: 25, rejectedPct: 0,
        // 2, 6, 30 h: median 6, p90 6 + 0.8 × 24
        turnaroundHours: { median: 6, p90: 25.2 }, slaMet: 2, slaMissed: 1, slaMetPct: 66.7,
        dispositions: { ...none, manage_in_primary_care: 2, urgent_in_person: 1 },
      },
      empty("V", "Type V"),
      {
        skinType: "VI", label: "Type VI", cases: 1, answered: 0, photos: 1, photosFlagged: 0, photosRejected: 1, flaggedPct: 0, rejectedPct: 100,
        turnaroundHours: { median: null, p90: null }, slaMet: 0, slaMissed: 1, slaMetPct: 0, dispositions: none,
      },
      {
        skinType: "unknown", label: "Not recorded", cases: 1, answered: 1, photos: 0, photosFlagged: 0, photosRejected: 0, flaggedPct: null, rejectedPct: null,
        turnaroundHours: { median: 12, p90: 12 }, slaMet: 1, slaMissed: 0, slaMetPct: 100, dispositions: { ...none, routine_in_person: 1 },
      },
    ]);
  });

  it("a range ending before the late case still excludes it; one including it counts it under type I", async () => {
    const wide = await report("from=2019-05-06&to=2019-05-20");
    const typeI = wide.rows.find((x) => x.skinType === "I")!;
    expect([typeI.cases, typeI.photos, typeI.photosRejected, typeI.dispositions.reassure]).toEqual([3, 4, 2, 2]);
  });

  it("the turnaround report groups by skin type in the same order and with the same figures", async () => {
    const res = await turnaround(apiRequest(`/api/v1/metrics/turnaround?${RANGE}&groupBy=skin_type`, { cookie }), params({}));
    expect(res.status).toBe(200);
    const t: TurnaroundReport = await res.json();
    expect(t.groups.map((g) => [g.key, g.label, g.count, g.turnaroundHours.median, g.slaMetPct])).toEqual([
      ["I", "Type I", 2, 7, 100],
      ["IV", "Type IV", 3, 6, 66.7],
      ["VI", "Type VI", 1, null, 0],
      ["unknown", "Not recorded", 1, 12, 100],
    ]);
  });

  it("rejects a bad range with 422 and a referrer with 403", async () => {
    const bad = await equity(apiRequest(`/api/v1/metrics/equity?from=2019-05-19&to=2019-05-06`, { cookie }), params({}));
    expect(bad.status).toBe(422);
    const clinic = await createClinic("Equity other clinic");
    const refCookie = (await sessionCookie(await createUser("referrer", clinic.id))).cookie;
    const denied = await equity(apiRequest(`/api/v1/metrics/equity?${RANGE}`, { cookie: refCookie }), params({}));
    expect(denied.status).toBe(403);
  });
});
