/**
 * A photo near the 25 MB cap goes through the production server (`next start`, its Proxy and the
 * upload route) and the worker, and the upload route still carries the security headers. Next
 * buffers a proxied body only up to 10 MB, so this fails whenever the Proxy matches the upload
 * routes again.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { E2E_URL } from "./env";
import { makeLargeJpeg } from "./fixtures/make-large-jpeg";
import { signInAs } from "./support";

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
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["strict-transport-security"]).toMatch(/max-age=\d+/);
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["referrer-policy"]).toBe("no-referrer");
  const { id } = await res.json();

  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/photos/${id}`)).json()).status, { timeout: 60_000 })
    .toBe("ready");
  const photo = await (await page.request.get(`/api/v1/photos/${id}`)).json();
  expect(photo).toMatchObject({ width: 6000, height: 4000 });
});
