/**
 * GET /api/v1/calibration-sheet: an A4 PDF whose stickers, printed (rasterised by poppler's
 * pdftoppm at a known resolution), are found by the worker's own detector at exactly the side the
 * clinic set; bad input is a 422, not a PDF.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/calibration-sheet/route";
import { db } from "@/lib/db/client";
import { clinics } from "@/lib/db/schema";
import { measurePhoto } from "@/lib/measure/measure-photo";
import { apiRequest, createTenant, params, sessionCookie } from "../support/factories";

const run = promisify(execFile);
let dir: string;
let cookie: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sheet-"));
  const t = await createTenant();
  await db.update(clinics).set({ markerSideMm: 18 }).where(eq(clinics.id, t.clinic.id));
  cookie = (await sessionCookie(t.referrer)).cookie;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sheet = (query = "") => GET(apiRequest(`/api/v1/calibration-sheet${query}`, { cookie }), params({}));

async function rasterise(pdf: Buffer, dpi: number) {
  await writeFile(path.join(dir, "s.pdf"), pdf);
  await run("pdftoppm", ["-r", String(dpi), "-png", "-singlefile", path.join(dir, "s.pdf"), path.join(dir, "s")]);
  return readFile(path.join(dir, "s.png"));
}

describe("calibration sheet", () => {
  it("prints stickers of the clinic's side at exact size (A4, found by the detector)", async () => {
    const res = await sheet();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const png = await rasterise(pdf, 254); // 10 px per mm
    const meta = await sharp(png).metadata();
    expect(Math.abs(meta.width! - 2100)).toBeLessThanOrEqual(1); // A4 at 10 px/mm
    expect(Math.abs(meta.height! - 2970)).toBeLessThanOrEqual(1);
    // A strip of the sheet below the check square, with a few stickers on it.
    const { data, info } = await sharp(png).extract({ left: 0, top: 1100, width: 1000, height: 700 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const m = await measurePhoto({ data, width: info.width, height: info.height, channels: 3 }, { view: "overview", markerSideMm: 18, masterWidth: info.width, masterHeight: info.height });
    expect(m.scale).not.toBeNull();
    expect(Math.abs(m.scale!.markerSidePx / 180 - 1)).toBeLessThan(0.01);
    expect(Math.abs(m.scale!.mmPerPixel / 0.1 - 1)).toBeLessThan(0.01);
  });

  it("takes an explicit side, and refuses nonsense with 422", async () => {
    const res = await sheet("?sideMm=25");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("25.0mm");
    for (const q of ["?sideMm=2", "?sideMm=abc", "?colour=red"]) {
      const bad = await sheet(q);
      expect(bad.status).toBe(422);
      expect((await bad.json()).error.code).toBeTruthy();
    }
  });
});

describe("clinic sticker side (admin)", () => {
  it("is set per clinic by an admin, audited, validated, and used by the sheet", async () => {
    const { PATCH } = await import("@/app/api/v1/clinics/[id]/route");
    const { createUser } = await import("../support/factories");
    const t = await createTenant();
    const admin = await createUser("admin");
    const adminCookie = (await sessionCookie(admin)).cookie;
    const patch = (json: unknown) => PATCH(apiRequest(`/api/v1/clinics/${t.clinic.id}`, { cookie: adminCookie, method: "PATCH", json }), params({ id: t.clinic.id }));
    const ok = await patch({ markerSideMm: 22.5 });
    expect(ok.status).toBe(200);
    expect((await ok.json()).markerSideMm).toBe(22.5);
    const { auditEvents } = await import("@/lib/db/schema");
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.resourceId, t.clinic.id));
    expect(rows.some((r) => r.action === "clinic.update" && (r.details as { markerSideMm?: number } | null)?.markerSideMm === 22.5)).toBe(true);
    for (const bad of [{ markerSideMm: 3 }, { markerSideMm: "wide" }]) {
      const res = await patch(bad);
      expect(res.status).toBe(422);
      expect((await res.json()).error.fields.markerSideMm).toBeTruthy();
    }
    const referrerCookie = (await sessionCookie(t.referrer)).cookie;
    const res = await GET(apiRequest("/api/v1/calibration-sheet", { cookie: referrerCookie }), params({}));
    expect(res.headers.get("content-disposition")).toContain("22.5mm");
  });
});
