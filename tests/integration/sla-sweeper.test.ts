import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { caseEvents, cases, notifications, settings } from "@/lib/db/schema";
import { SLA_SETTINGS_KEY } from "@/lib/sla/settings";
import { runSlaSweep } from "@/lib/sla/sweeper";
import { createPatient, createTenant, createUser } from "../support/factories";

const H = 3600_000;

async function openCase(clinicId: string, createdBy: string, o: { status: "triaged" | "in_review" | "awaiting_info"; submittedAgoH: number; windowH: number; now: Date; claimedBy?: string }) {
  const patient = await createPatient(clinicId);
  const submittedAt = new Date(o.now.getTime() - o.submittedAgoH * H);
  const [row] = await db
    .insert(cases)
    .values({
      clinicId, patientId: patient.id, createdBy, status: o.status, priority: "soon", priorityRank: 1, submittedAt,
      slaDueAt: new Date(submittedAt.getTime() + o.windowH * H),
      claimedBy: o.claimedBy ?? null, claimedAt: o.claimedBy ? o.now : null, lastActivityAt: o.claimedBy ? o.now : null,
    })
    .returning({ id: cases.id });
  return row!.id;
}

describe("SLA sweeper", () => {
  it("marks at-risk and breached cases and notifies each admin once per case and state, however often it runs", async () => {
    const { clinic, referrer, specialist } = await createTenant();
    const admin2 = await createUser("admin");
    const inactiveAdmin = await createUser("admin", null, { active: false });
    const now = new Date();
    // 72 h window: 10 h in → ok; 60 h in (83%) → at risk; 80 h in → breached; breached but paused → untouched.
    const ok = await openCase(clinic.id, referrer.id, { status: "triaged", submittedAgoH: 10, windowH: 72, now });
    const atRisk = await openCase(clinic.id, referrer.id, { status: "in_review", submittedAgoH: 60, windowH: 72, now, claimedBy: specialist.id });
    const breached = await openCase(clinic.id, referrer.id, { status: "triaged", submittedAgoH: 80, windowH: 72, now });
    const paused = await openCase(clinic.id, referrer.id, { status: "awaiting_info", submittedAgoH: 80, windowH: 72, now });
    const mine = [ok, atRisk, breached, paused];

    await runSlaSweep(db, now);
    await runSlaSweep(db, now);
    const states = await db.select({ id: cases.id, s: cases.slaState }).from(cases).where(inArray(cases.id, mine));
    expect(Object.fromEntries(states.map((r) => [r.id, r.s]))).toEqual({ [ok]: "ok", [atRisk]: "at_risk", [breached]: "breached", [paused]: "ok" });

    const notes = async () =>
      db.select({ userId: notifications.userId, caseId: notifications.caseId, kind: notifications.kind, title: notifications.title, link: notifications.link })
        .from(notifications).where(inArray(notifications.caseId, mine));
    const first = await notes();
    expect(first.filter((n) => n.userId === admin2.id).map((n) => [n.caseId, n.kind]).sort()).toEqual(
      [[atRisk, "sla.at_risk"], [breached, "sla.breached"]].sort(),
    );
    expect(first.some((n) => n.userId === inactiveAdmin.id || n.userId === specialist.id)).toBe(false);
    // No PHI in what may go out by e-mail; the link opens the admin's case page (ids only).
    for (const n of first) expect(n.title).not.toMatch(/Testa|Patient|MRN/);
    for (const n of first) expect(n.link).toBe(`/admin/cases/${n.caseId}`);

    // Later the at-risk case passes its deadline: one more notification for the new state only, even when run twice.
    const later = new Date(now.getTime() + 13 * H);
    await db.update(cases).set({ lastActivityAt: later }).where(eq(cases.id, atRisk)); // keep the claim alive
    await runSlaSweep(db, later);
    await runSlaSweep(db, later);
    const second = (await notes()).filter((n) => n.userId === admin2.id);
    expect(second.map((n) => `${n.kind}:${n.caseId}`).sort()).toEqual(
      [`sla.at_risk:${atRisk}`, `sla.breached:${breached}`, `sla.breached:${atRisk}`].sort(),
    );
  });

  it("uses the configured at-risk fraction", async () => {
    const { clinic, referrer } = await createTenant();
    const now = new Date();
    const id = await openCase(clinic.id, referrer.id, { status: "triaged", submittedAgoH: 40, windowH: 72, now }); // 56% used
    await db.insert(settings).values({ key: SLA_SETTINGS_KEY, value: { hours: { urgent: 24, soon: 72, routine: 168 }, atRiskFraction: 0.5 } })
      .onConflictDoUpdate({ target: settings.key, set: { value: { hours: { urgent: 24, soon: 72, routine: 168 }, atRiskFraction: 0.5 } } });
    try {
      await runSlaSweep(db, now);
      const [row] = await db.select({ s: cases.slaState }).from(cases).where(eq(cases.id, id));
      expect(row!.s).toBe("at_risk");
    } finally {
      await db.delete(settings).where(eq(settings.key, SLA_SETTINGS_KEY));
    }
  });

  it("returns claims idle for more than 30 minutes to the queue", async () => {
    const { clinic, referrer, specialist } = await createTenant();
    const now = new Date();
    const id = await openCase(clinic.id, referrer.id, { status: "in_review", submittedAgoH: 1, windowH: 72, now, claimedBy: specialist.id });
    await db.update(cases).set({ lastActivityAt: new Date(now.getTime() - 31 * 60_000) }).where(eq(cases.id, id));
    const result = await runSlaSweep(db, now);
    expect(result.expiredClaims).toBeGreaterThanOrEqual(1);
    const [row] = await db.select({ status: cases.status, claimedBy: cases.claimedBy }).from(cases).where(eq(cases.id, id));
    expect(row).toEqual({ status: "triaged", claimedBy: null });
    const events = await db.select().from(caseEvents).where(and(eq(caseEvents.caseId, id), eq(caseEvents.toStatus, "triaged")));
    expect(events).toHaveLength(1);
  });
});
