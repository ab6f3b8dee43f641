/**
 * SPEC §15 in the browser: a close-up with a calibration sticker goes through the real worker;
 * the specialist sees the scale and the suggested outline, measures with the ruler using only the
 * keyboard (m, Enter, Shift+arrows, Enter), saves it and sees the server's figure. Screenshot in
 * test-results/measure/.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomSpec, renderScene } from "../fixtures/measure-scene";
import { signInAs } from "./support";

const SHOTS = "test-results/measure";

async function poll<T>(fn: () => Promise<T>, done: (v: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test("a specialist measures a lesion with the ruler using the keyboard", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const scene = await renderScene(randomSpec(921, { lesionDiameterMm: 9, irregularity: 0.5, pxPerMm: 14, rotationDeg: 20, tiltDeg: 10 }));
  const ref = await browser.newContext();
  const rp = await ref.newPage();
  await signInAs(rp, "referrer@northside.test", "/clinic");
  const api: APIRequestContext = rp.request;
  const ok = async (res: Awaited<ReturnType<APIRequestContext["get"]>>, status = 201) => {
    expect(res.status(), await res.text()).toBe(status);
    return (await res.json()) as { id: string };
  };
  const patient = await ok(await api.post("/api/v1/patients", { data: { mrn: `E2E-MEASURE-${Date.now()}`, givenName: "Mia", familyName: "Ruler", birthDate: "1970-05-06", sex: "female" } }));
  const kase = await ok(
    await api.post("/api/v1/cases", {
      data: {
        patientId: patient.id,
        history: {
          referralQuestion: "Pigmented lesion on the forearm, how big is it?",
          suspected: "other",
          requestedUrgency: "routine",
          onset: "1 year",
          evolution: "stable",
          bodySites: ["14975008"],
          priorTreatments: "none",
          medications: "none",
          allergies: "none",
          consent: { given: true, by: "patient", at: new Date().toISOString() },
        },
      },
    }),
  );
  const photo = await ok(
    await api.post(`/api/v1/cases/${kase.id}/photos`, { multipart: { file: { name: "closeup.jpg", mimeType: "image/jpeg", buffer: scene.jpeg }, view: "closeup", bodySite: "14975008" } }),
  );
  const processed = await poll(async () => (await (await api.get(`/api/v1/photos/${photo.id}`)).json()), (p) => p.status === "ready", "the photo to be processed");
  expect(processed.scale).not.toBeNull();
  await ok(await api.post(`/api/v1/cases/${kase.id}/submit`), 200);
  await poll(async () => (await (await api.get(`/api/v1/cases/${kase.id}`)).json()).status, (s) => s === "triaged", "triage");
  await ref.close();

  await signInAs(page, "specialist@demo.test", "/specialist");
  expect((await page.request.post(`/api/v1/cases/${kase.id}/claim`)).status()).toBe(200);
  await page.goto(`/specialist/review?case=${kase.id}`);
  await expect(page.getByRole("img", { name: /photo of/i })).toBeVisible();
  await expect(page.getByText(/Scale from the calibration sticker/)).toBeVisible();
  await expect(page.getByText(/Suggested outline \(dashed\): longest diameter/)).toBeVisible();

  // Keyboard only: ruler on, first point, move the crosshair right, second point, save.
  await page.keyboard.press("m");
  await expect(page.getByRole("button", { name: "Ruler (m)" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Enter");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Length: \d+\.\d mm/)).toBeVisible();
  const save = page.getByRole("button", { name: "Save measurement" });
  await save.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Saved: \d+\.\d mm\./)).toBeVisible();
  await expect(page.getByRole("list", { name: "Saved measurements" })).toContainText(/Ruler \d+\.\d mm/);
  await page.screenshot({ path: `${SHOTS}/ruler.png`, fullPage: true });

  const { items } = (await (await page.request.get(`/api/v1/photos/${photo.id}/measurements`)).json()) as { items: { lengthMm: number }[] };
  expect(items).toHaveLength(1);
  // 4 × Shift+→ = 4 × 5 × width/200 = 10 % of the width, in mm through the photo's scale.
  expect(items[0]!.lengthMm).toBeGreaterThan(0);
  await page.request.post(`/api/v1/cases/${kase.id}/release`);
});
