/** The reconciler re-enqueues lost work once: a photo stuck processing, a case stuck submitted. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { cases, outbox, photos } from "@/lib/db/schema";
import { reconcile } from "@/lib/queue/reconcile";
import { relayOutbox } from "@/lib/queue/relay";
import { createPatient, createTenant } from "../support/factories";

describe("reconciler", () => {
  it("re-enqueues a photo stuck in processing and a case stuck in submitted, and only once", async () => {
    const t = await createTenant();
    const patient = await createPatient(t.clinic.id);
    const old = new Date(Date.now() - 10 * 60_000);
    const [c] = await db.insert(cases).values({ clinicId: t.clinic.id, patientId: patient.id, createdBy: t.referrer.id, status: "submitted", submittedAt: old }).returning();
    const [p] = await db
      .insert(photos)
      .values({ caseId: c!.id, clinicId: t.clinic.id, view: "overview", bodySite: "14975008", mime: "image/jpeg", sizeBytes: 1, sha256: "x", keyId: "k", createdAt: old })
      .returning();
    await relayOutbox(db).catch(() => 0); // earlier rows out of the way (Redis may lag; pending rows only delay)
    const first = await reconcile(db);
    expect(first.photos).toBeGreaterThanOrEqual(1);
    expect(first.cases).toBeGreaterThanOrEqual(1);
    const pending = (await db.select().from(outbox).where(eq(outbox.queue, "photos"))).filter((r) => r.payload.photoId === p!.id && !r.publishedAt);
    expect(pending).toHaveLength(1);
    expect((await db.select().from(outbox).where(eq(outbox.queue, "triage"))).filter((r) => r.payload.caseId === c!.id && !r.publishedAt)).toHaveLength(1);
    const second = await reconcile(db);
    expect([second.photos, second.cases]).toEqual([0, 0]);
  });
});
