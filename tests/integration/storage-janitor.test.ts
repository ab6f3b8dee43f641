/**
 * Issue 14 "a crash between writing a blob and committing its row": the upload writes the blob
 * first, so a crash leaves an orphaned object, never a row naming a missing object; the hourly
 * storage janitor removes orphans older than the grace period, leaves young ones (an upload in
 * flight) and live photos alone, and reports ready photos whose renditions are missing.
 */
import { randomUUID } from "node:crypto";
import { utimes } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { photos } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ORPHAN_GRACE_MS } from "@/lib/photos/janitor";
import { photoObjectKey, photoStore } from "@/lib/photos/store";
import maintenanceJob from "@/workers/processors/maintenance";
import { createPatient, createTenant, ctxOf, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, uploadPhotoRequest } from "../support/referrals";

const janitor = () => maintenanceJob({ name: "storage-janitor", data: {} } as never) as Promise<{ removedOrphans: string[]; missingRenditions: string[] }>;
const age = (key: string, ms: number) => {
  const when = new Date(Date.now() - ms);
  return utimes(path.resolve(env.STORAGE_DIR, key), when, when);
};

async function readyPhoto() {
  const { clinic, referrer } = await createTenant();
  const patient = await createPatient(clinic.id);
  const draft = await createCompleteDraft(ctxOf(referrer), patient.id);
  const { cookie } = await sessionCookie(referrer);
  const res = await uploadPhotoRequest(cookie, draft.id, await jpeg(800, 600));
  const { id } = (await res.json()) as { id: string };
  await processCasePhotos(draft.id);
  return id;
}

describe("the storage janitor", () => {
  it("removes an object whose row never committed once it is an hour old; keeps young orphans and live photos", async () => {
    const store = photoStore();
    const crashed = randomUUID(); // the process died after the blob and before the row
    const inFlight = randomUUID(); // an upload whose row is about to commit
    await store.putObject(photoObjectKey(crashed, "original"), await jpeg(64, 48));
    await store.putObject(photoObjectKey(inFlight, "original"), await jpeg(64, 48));
    await age(photoObjectKey(crashed, "original"), ORPHAN_GRACE_MS + 60_000);
    const live = await readyPhoto();
    await age(photoObjectKey(live, "master"), 3 * ORPHAN_GRACE_MS);
    expect(await db.select().from(photos).where(eq(photos.id, crashed))).toEqual([]); // no row points at anything

    const report = await janitor();
    expect(report.removedOrphans).toContain(crashed);
    expect(report.removedOrphans).not.toContain(inFlight);
    expect(report.removedOrphans).not.toContain(live);
    expect(report.missingRenditions).not.toContain(live);
    await expect(store.getObject(photoObjectKey(crashed, "original"))).rejects.toMatchObject({ code: "not_found" });
    expect((await store.getObject(photoObjectKey(inFlight, "original"))).length).toBeGreaterThan(0);
    for (const v of ["master", "display", "thumb"] as const) expect((await store.getObject(photoObjectKey(live, v))).length).toBeGreaterThan(0);
    await store.deleteObject(photoObjectKey(inFlight, "original"));
  });

  it("reports, and never deletes, a ready photo whose rendition is missing", async () => {
    const live = await readyPhoto();
    await photoStore().deleteObject(photoObjectKey(live, "display"));
    const report = await janitor();
    expect(report.missingRenditions).toContain(live);
    expect((await photoStore().getObject(photoObjectKey(live, "master"))).length).toBeGreaterThan(0);
    expect((await db.select({ status: photos.status }).from(photos).where(eq(photos.id, live)))[0]!.status).toBe("ready");
  });
});
