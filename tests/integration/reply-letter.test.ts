/**
 * The PDF reply letter (SPEC §12): downloaded through the real route by the clinic, rendered by
 * poppler (pdftoppm) and read back (pdftotext) — clinic, patient, question, coded diagnosis,
 * plan, disposition, follow-up, specialist and photo thumbnails are in it; another clinic gets 404.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as letterRoute } from "@/app/api/v1/cases/[id]/letter.pdf/route";
import { db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { submitCase } from "@/lib/cases/lifecycle";
import { claimCase } from "@/lib/reviews/claims";
import { replyToCase } from "@/lib/reviews/consultation";
import { apiRequest, createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, runTriage, uploadPhotoRequest } from "../support/referrals";

describe("reply letter PDF", () => {
  it("renders everything a clinician files, for the clinic only", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const ref = ctxOf(t.referrer);
    const { cookie } = await sessionCookie(t.referrer);
    const patient = await createPatient(t.clinic.id, { mrn: "LETTER-1" });
    const draft = await createCompleteDraft(ref, patient.id, { referralQuestion: "Is this lesion on the forearm benign?" });
    await uploadPhotoRequest(cookie, draft.id, await jpeg(1600, 1200, 5));
    await uploadPhotoRequest(cookie, draft.id, await jpeg(1600, 1200, 6), { view: "closeup" });
    await processCasePhotos(draft.id);
    expect((await letterRoute(apiRequest(`/api/v1/cases/${draft.id}/letter.pdf`, { cookie }), params({ id: draft.id }))).status).toBe(409);
    await submitCase(db, ref, draft.id);
    await runTriage(draft.id);
    await claimCase(db, ctxOf(t.specialist), draft.id);
    await replyToCase(db, ctxOf(t.specialist), draft.id, {
      diagnosis: "Seborrhoeic keratosis",
      diagnosisCode: "L82.1",
      plan: "No treatment needed; cryotherapy if irritated",
      disposition: "manage_in_primary_care",
      followUp: "Return if it bleeds or changes",
    });

    const res = await letterRoute(apiRequest(`/api/v1/cases/${draft.id}/letter.pdf`, { cookie }), params({ id: draft.id }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const pdf = Buffer.from(await res.arrayBuffer());
    const dir = mkdtempSync(path.join(tmpdir(), "letter-"));
    try {
      writeFileSync(path.join(dir, "letter.pdf"), pdf);
      execFileSync("pdftoppm", ["-png", "-r", "50", path.join(dir, "letter.pdf"), path.join(dir, "page")]);
      expect(readdirSync(dir).filter((f) => f.endsWith(".png")).length).toBeGreaterThanOrEqual(1);
      const text = execFileSync("pdftotext", ["-layout", path.join(dir, "letter.pdf"), "-"]).toString().replace(/\s+/g, " ");
      for (const expected of [t.clinic.name, "Patient, Testa", "LETTER-1", "Is this lesion on the forearm benign?", "Seborrhoeic keratosis", "L82.1", "cryotherapy if irritated", "Manage in primary care", "Return if it bleeds", "Test specialist", "Overview", "Close-up"]) {
        expect(text, expected).toContain(expected);
      }
      const images = execFileSync("pdfimages", ["-list", path.join(dir, "letter.pdf")]).toString().trim().split("\n").slice(2);
      expect(images).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const audited = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "case.letter"), eq(auditEvents.resourceId, draft.id)));
    expect(audited).toHaveLength(1);

    const stranger = (await sessionCookie(other.referrer)).cookie;
    expect((await letterRoute(apiRequest(`/api/v1/cases/${draft.id}/letter.pdf`, { cookie: stranger }), params({ id: draft.id }))).status).toBe(404);
  });
});
