/**
 * Offline capture (SPEC §16) in Chromium against `next start`: at the photo step of a draft the
 * browser goes offline (context.setOffline also reaches the service worker's fetches in Playwright
 * ≥ 1.5x Chromium), two real JPEGs are taken and shown as "Saved on this device", kept in IndexedDB
 * sealed (not the JPEG bytes) under a non-extractable key; a reload while offline still opens the
 * photo step (service worker shell) and shows neither another user's record nor a re-filed one;
 * back online both reach Ready without a click and their device copies are gone; sign-out forgets
 * the device. A second test walks the other states: Uploading n %
 * (throttled), Needs attention with the reason and Retake, and Ready again after the retake.
 */
import { expect, test, type Page } from "@playwright/test";
import { readFile, writeFile } from "node:fs/promises";
import { blockingViolations } from "./axe";
import { E2E_URL } from "./env";
import { makeTestJpeg } from "./fixtures/make-jpeg";
import { signInAs } from "./support";

const SITE = "14975008"; // forearm, a body site of the seed's SNOMED list

async function newDraft(page: Page, tag: string): Promise<string> {
  const headers = { origin: E2E_URL };
  const patient = await page.request.post("/api/v1/patients", {
    headers,
    data: { mrn: `E2E-${tag}-${Date.now().toString(36)}`, givenName: "Off", familyName: "Line", birthDate: "1975-05-05", sex: "female" },
  });
  const draft = await page.request.post("/api/v1/cases", { headers, data: { patientId: (await patient.json()).id } });
  return (await draft.json()).id as string;
}

/** What this device keeps for offline photos, read straight from IndexedDB (null: no database). */
function deviceStore(page: Page) {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === "dermrelay-offline")) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open("dermrelay-offline");
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const read = <T,>(store: string, fn: (s: IDBObjectStore) => IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        const r = fn(db.transaction(store).objectStore(store));
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    type Rec = { id: string; userId: string; caseId: string; body: { data: ArrayBuffer }; meta: { data: ArrayBuffer } } & Record<string, unknown>;
    const records = await read<Rec[]>("photos", (s) => s.getAll());
    const key = await read<CryptoKey | undefined>("keys", (s) => s.get("photos"));
    let exported = "no key";
    if (key) exported = await crypto.subtle.exportKey("raw", key).then(() => "exported", () => "refused");
    db.close();
    return {
      records: records.map((r) => ({ id: r.id, fields: Object.keys(r).sort(), caseId: r.caseId, head: Array.from(new Uint8Array(r.body.data).slice(0, 3)), size: r.body.data.byteLength, metaText: new TextDecoder().decode(r.meta.data) })),
      key: key ? { isCryptoKey: key instanceof CryptoKey, extractable: key.extractable, algorithm: key.algorithm.name, usages: [...key.usages].sort(), exported } : null,
    };
  });
}

const state = (page: Page, n: number) => page.getByRole("listitem", { name: `Photo ${n}` }).getByTestId("photo-state");

test("offline at the photo step: two photos saved encrypted on the device, sent on reconnect, Ready, device emptied", async ({ page, context }, testInfo) => {
  test.setTimeout(180_000);
  const first = await makeTestJpeg(testInfo.outputPath("first.jpg"));
  const second = await makeTestJpeg(testInfo.outputPath("second.jpg"), 1500, 1125);
  const sizes = [(await readFile(first)).length, (await readFile(second)).length].sort();

  await signInAs(page, "referrer@northside.test", "/clinic");
  const caseId = await newDraft(page, "OFF");
  await page.goto(`/clinic/cases/${caseId}/edit?step=photos`);
  // The wizard's service worker is installed (shell and its assets cached) and controls the page.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, { timeout: 30_000 });

  await page.getByLabel("Body site of the next photos").selectOption(SITE);
  await context.setOffline(true);
  await page.getByLabel("Take or choose photos").setInputFiles([first, second]);
  await expect(state(page, 1)).toHaveText("Saved on this device", { timeout: 20_000 });
  await expect(state(page, 2)).toHaveText("Saved on this device");
  await expect(page.getByRole("listitem", { name: "Photo 1" }).getByText(/Checked on this device/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("offline-saved.png"), fullPage: true });

  // On the device: sealed bytes (not FF D8 …, 16 bytes of GCM tag longer), clear ids only, and a
  // CryptoKey object that refuses export.
  const stored = (await deviceStore(page))!;
  expect(stored.records).toHaveLength(2);
  for (const r of stored.records) {
    expect(r.head).not.toEqual([0xff, 0xd8, 0xff]);
    expect(r.fields).toEqual(["body", "caseId", "id", "meta", "savedAt", "userId"]);
    expect(r.caseId).toBe(caseId);
    expect(r.metaText).not.toContain(SITE);
    expect(r.metaText).not.toContain(".jpg");
  }
  expect(stored.records.map((r) => r.size - 16).sort()).toEqual(sizes);
  expect(stored.key).toEqual({ isCryptoKey: true, extractable: false, algorithm: "AES-GCM", usages: ["decrypt", "encrypt"], exported: "refused" });

  // Records this page must never show: another user's copy of a photo of this very draft, and a
  // record re-filed under a new id (its sealed parts are bound to the old one, so it cannot open).
  const planted = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open("dermrelay-offline");
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const store = () => db.transaction("photos", "readwrite").objectStore("photos");
    const [one] = await new Promise<Record<string, unknown>[]>((resolve) => {
      const r = store().getAll();
      r.onsuccess = () => resolve(r.result);
    });
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    await new Promise((resolve) => (store().put({ ...one, id: ids[0], userId: crypto.randomUUID() }).onsuccess = resolve));
    await new Promise((resolve) => (store().put({ ...one, id: ids[1] }).onsuccess = resolve));
    db.close();
    return ids.sort();
  });

  // A reload without a connection still opens the photo step (the service worker's cached shell)
  // with both photos from the device.
  await page.reload();
  await expect(page).toHaveURL(new RegExp(`/clinic/cases/offline\\?case=${caseId}$`));
  await expect(page.getByRole("status").filter({ hasText: "You are offline" })).toBeVisible();
  await expect(state(page, 1)).toHaveText("Saved on this device", { timeout: 20_000 });
  await expect(state(page, 2)).toHaveText("Saved on this device");
  await expect(page.getByRole("listitem", { name: /^Photo \d+$/ })).toHaveCount(2);
  // The next photos default to the body site of those on the device.
  await expect(page.getByLabel("Body site of the next photos")).toHaveValue(SITE);
  // In the order they were taken.
  await expect(page.getByRole("listitem", { name: "Photo 1" })).toContainText("first.jpg");
  expect(await blockingViolations(page), "offline photo step with saved photos").toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("offline-shell-saved.png"), fullPage: true });

  // Back online: sent and processed without a click.
  await context.setOffline(false);
  await expect(state(page, 1)).toHaveText("Ready", { timeout: 90_000 });
  await expect(state(page, 2)).toHaveText("Ready", { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath("online-ready.png"), fullPage: true });
  // This user's copies are gone once stored; only the two planted records (never shown, never sent) remain.
  await expect.poll(async () => (await deviceStore(page))?.records.map((r) => r.id).sort()).toEqual(planted);

  const detail = await (await page.request.get(`/api/v1/cases/${caseId}`)).json();
  expect(detail.photos).toHaveLength(2);
  // Only the shell and the build's static files are cached: never an API response.
  const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname)))).flat());
  expect(cached).toContain("/clinic/cases/offline");
  expect(cached.filter((p) => !p.startsWith("/_next/static/") && p !== "/clinic/cases/offline")).toEqual([]);

  // The full wizard shows them too, and sign-out forgets this device.
  await page.goto(`/clinic/cases/${caseId}/edit?step=photos`);
  await expect(state(page, 2)).toHaveText("Ready");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect.poll(() => deviceStore(page)).toBeNull();
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith("dermrelay-shell-")))).toEqual([]);
});

test("photo states: Uploading n % on a slow line, Needs attention with the reason and Retake, Ready after the retake", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const good = await makeTestJpeg(testInfo.outputPath("good.jpg"));
  const broken = testInfo.outputPath("broken.jpg");
  await writeFile(broken, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 0x41)]));

  await signInAs(page, "referrer@northside.test", "/clinic");
  const caseId = await newDraft(page, "STATES");
  await page.goto(`/clinic/cases/${caseId}/edit?step=photos`);
  await page.getByLabel("Body site of the next photos").selectOption(SITE);

  // A slow uplink (~150 kB/s) so the upload stays visible.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 50, downloadThroughput: -1, uploadThroughput: 150 * 1024 });
  await page.getByLabel("Take or choose photos").setInputFiles(good);
  await expect(state(page, 1)).toHaveText(/^Uploading [1-9]\d? %$/, { timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath("state-uploading.png"), fullPage: true });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(state(page, 1)).toHaveText(/^(Processing|Ready)$/, { timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath("state-processing.png"), fullPage: true });
  await expect(state(page, 1)).toHaveText("Ready", { timeout: 60_000 });

  // A file that is not a readable photo: Needs attention, with the reason and a Retake button.
  await page.getByLabel("Take or choose photos").setInputFiles(broken);
  const card = page.getByRole("listitem", { name: "Photo 2" });
  await expect(state(page, 2)).toHaveText("Needs attention", { timeout: 60_000 });
  await expect(card.getByRole("alert")).toContainText(/Retake it, or remove it/);
  await page.screenshot({ path: testInfo.outputPath("state-attention.png"), fullPage: true });
  expect(await blockingViolations(page), "photo step with ready and needs-attention photos").toEqual([]);

  // Retake: the camera again for the same view and site; the new photo reaches Ready.
  await card.getByLabel("Retake Photo 2").setInputFiles(good);
  await expect(state(page, 2)).toHaveText("Ready", { timeout: 90_000 });
  await expect(page.getByRole("listitem", { name: "Photo 3" })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("state-ready.png"), fullPage: true });
});
