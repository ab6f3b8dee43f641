/**
 * A photo near the 25 MB cap goes through the production server (`next start`, its Proxy and the
 * upload routes — multipart, and tus in 5 MB pieces as the wizard sends it) and the worker, and
 * the upload routes still carry the security headers. Next buffers a proxied body only up to
 * 10 MB, so this fails whenever the Proxy matches the upload routes again.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { E2E_URL } from "./env";
import { makeLargeJpeg } from "./fixtures/make-large-jpeg";
import { signInAs } from "./support";

const expectSecurityHeaders = (h: Record<string, string>) => {
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["strict-transport-security"]).toMatch(/max-age=\d+/);
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["referrer-policy"]).toBe("no-referrer");
};

test("a 24 MB JPEG uploads through next start, is processed, and the upload response carries the security headers", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath("large.jpg");
  const size = await makeLargeJpeg(file);
  expect(size).toBeGreaterThan(22 * 1024 * 1024);
  await signInAs(page, "referrer@northside.test", "/clinic");
  const headers = { origin: E2E_URL };

  const patient = await page.request.post("/api/v1/patients", {
    headers,
    data: { mrn: `E2E-BIG-${Date.now().toString(36)}`, givenName: "Large", familyName: "Upload", birthDate: "1970-01-01", sex: "female" },
  });
  expect(patient.status()).toBe(201);
  const draft = await page.request.post("/api/v1/cases", { headers, data: { patientId: (await patient.json()).id } });
  expect(draft.status()).toBe(201);
  const caseId = (await draft.json()).id as string;

  const res = await page.request.post(`/api/v1/cases/${caseId}/photos`, {
    headers,
    multipart: {
      view: "overview",
      bodySite: "14975008",
      file: { name: "large.jpg", mimeType: "image/jpeg", buffer: await readFile(file) },
    },
    timeout: 90_000,
  });
  expect(res.status(), await res.text()).toBe(201);
  expectSecurityHeaders(res.headers());
  const { id } = await res.json();

  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/photos/${id}`)).json()).status, { timeout: 60_000 })
    .toBe("ready");
  const photo = await (await page.request.get(`/api/v1/photos/${id}`)).json();
  expect(photo).toMatchObject({ width: 6000, height: 4000 });
});

test("the same 24 MB JPEG over tus in 5 MB pieces through next start becomes a ready photo", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath("large-tus.jpg");
  await makeLargeJpeg(file);
  const bytes = await readFile(file);
  await signInAs(page, "referrer@northside.test", "/clinic");
  const headers = { origin: E2E_URL };
  const patient = await page.request.post("/api/v1/patients", {
    headers,
    data: { mrn: `E2E-TUS-${Date.now().toString(36)}`, givenName: "Resumable", familyName: "Upload", birthDate: "1970-01-01", sex: "female" },
  });
  const caseId = (await (await page.request.post("/api/v1/cases", { headers, data: { patientId: (await patient.json()).id } })).json()).id as string;

  const b64 = (v: string) => Buffer.from(v).toString("base64");
  const tus = { ...headers, "tus-resumable": "1.0.0" };
  const created = await page.request.post("/api/v1/uploads", {
    headers: { ...tus, "upload-length": String(bytes.length), "upload-metadata": `caseId ${b64(caseId)},view ${b64("overview")},bodySite ${b64("14975008")}` },
  });
  expect(created.status(), await created.text()).toBe(201);
  expectSecurityHeaders(created.headers());
  expect(created.headers()["tus-resumable"]).toBe("1.0.0");
  const url = created.headers()["location"]!;
  expect(url).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]{36}$/);

  const piece = 5 * 1024 * 1024;
  let last = created;
  for (let at = 0; at < bytes.length; at += piece) {
    last = await page.request.patch(url, {
      headers: { ...tus, "upload-offset": String(at), "content-type": "application/offset+octet-stream" },
      data: bytes.subarray(at, at + piece),
      timeout: 60_000,
    });
    expect([200, 204], await last.text()).toContain(last.status());
  }
  expect(last.status()).toBe(200);
  expectSecurityHeaders(last.headers());
  const { id } = await last.json();
  const head = await page.request.head(url, { headers: tus });
  expect(head.headers()["upload-offset"]).toBe(String(bytes.length));
  expect(head.headers()["photo-id"]).toBe(id);
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/photos/${id}`)).json()).status, { timeout: 60_000 })
    .toBe("ready");
});
