import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { signInAs } from "./support";
import { poll } from "./referral-api";

test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/specialist";

/** A real JPEG (1200×900, textured so it is not "blurry"), made in memory. */
async function lesionJpeg(seed: number): Promise<Buffer> {
  const w = 1200;
  const h = 900;
  const px = Buffer.alloc(w * h * 3);
  let s = seed;
  for (let i = 0; i < w * h; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const n = (s % 50) - 25;
    const x = i % w;
    const y = Math.floor(i / w);
    const inLesion = (x - 600) ** 2 + (y - 450) ** 2 < 120 ** 2;
    px[i * 3] = Math.max(0, Math.min(255, (inLesion ? 90 : 200) + n));
    px[i * 3 + 1] = Math.max(0, Math.min(255, (inLesion ? 60 : 160) + n));
    px[i * 3 + 2] = Math.max(0, Math.min(255, (inLesion ? 50 : 140) + n));
  }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/** As the Northside referrer, through the API: patient → case with full history → real photo → submit → triaged. */
async function triagedCase(browser: Browser, seed: number): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, "referrer@northside.test", "/clinic");
  const api = page.request;
  const ok = async (res: Awaited<ReturnType<APIRequestContext["get"]>>, status = 201): Promise<{ id: string }> => {
    expect(res.status(), await res.text()).toBe(status);
    return (await res.json()) as { id: string };
  };
  const patient = await ok(
    await api.post("/api/v1/patients", {
      data: { mrn: `E2E-SPEC-${Date.now()}-${seed}`, givenName: "Ada", familyName: "Keyboard", birthDate: "1958-04-02", sex: "female", fitzpatrick: 2 },
    }),
  );
  const kase = await ok(
    await api.post("/api/v1/cases", {
      data: {
        patientId: patient.id,
        history: {
          referralQuestion: "Changing pigmented lesion on the back — please advise.",
          suspected: "melanoma",
          requestedUrgency: "urgent",
          onset: "3 months",
          evolution: "changed",
          bodySites: ["39937001"],
          sizeMm: 7,
          symptoms: { itch: true, pain: false, bleeding: false, ulceration: false, scaling: false },
          abcde: { asymmetry: true, border: true, colour: true, diameter: true, evolving: true },
          priorTreatments: "none",
          medications: "none",
          allergies: "none",
          consent: { given: true, by: "patient", at: new Date().toISOString() },
        },
      },
    }),
  );
  const photo = await ok(
    await api.post(`/api/v1/cases/${kase.id}/photos`, {
      multipart: { file: { name: "lesion.jpg", mimeType: "image/jpeg", buffer: await lesionJpeg(seed) }, view: "overview", bodySite: "39937001" },
    }),
  );
  await poll(async () => (await (await api.get(`/api/v1/photos/${photo.id}`)).json()).status, (s) => s === "ready", "the photo to be processed");
  await ok(await api.post(`/api/v1/cases/${kase.id}/submit`), 200);
  await poll(async () => (await (await api.get(`/api/v1/cases/${kase.id}`)).json()).status, (s) => s === "triaged", "triage");
  await context.close();
  return kase.id;
}

/** "Next case" after a reply claims whatever heads the queue; give it back so other suites see the seed as it was. */
async function releaseHeld(page: Page) {
  const held = (await (await page.request.get("/api/v1/queue/claims")).json()) as { items: { id: string }[] };
  for (const c of held.items) await page.request.post(`/api/v1/cases/${c.id}/release`);
}

test("a specialist works a case with the keyboard only, from the queue to the sent reply; the referrer sees it and acknowledges", async ({ page, browser }) => {
  const caseId = await triagedCase(browser, 11);
  await signInAs(page, "specialist@demo.test", "/specialist");
  await expect(page.getByRole("heading", { level: 1, name: "Referral queue" })).toBeVisible();
  const row = page.locator(`li[data-case-id="${caseId}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByText("Urgent", { exact: true })).toBeVisible();
  await expect(row.locator("[data-sla-state]")).toHaveText(/left/);
  await page.screenshot({ path: `${SHOTS}/queue.png`, fullPage: true });

  // Keyboard only: Tab to this case's Claim button, Enter.
  for (let i = 0; i < 300; i++) {
    if (await row.getByRole("button", { name: "Claim" }).evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/specialist/review\\?case=${caseId}$`));
  await expect(page.getByRole("heading", { name: "Red flags" })).toBeVisible();
  await expect(page.getByRole("img", { name: /photo of/i })).toBeVisible();

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByText("Send the reply and open the next case")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("+");
  await expect(page.getByText(/· 150%/)).toBeVisible();
  await page.keyboard.press("0");
  await expect(page.getByText(/· 100%/)).toBeVisible();

  await page.keyboard.press("d");
  await expect(page.getByLabel("Diagnosis", { exact: true })).toBeFocused();
  await page.keyboard.type("Dysplastic naevus, low suspicion");
  await page.keyboard.press("Tab");
  await page.keyboard.type("D22.5");
  await expect(page.getByRole("option", { name: /D22\.5/ })).toBeVisible();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab"); // differential
  await page.keyboard.type("Early melanoma");
  await page.keyboard.press("Tab"); // plan
  await page.keyboard.type("Dermoscopy follow-up in 3 months; excise if it changes.");
  await page.keyboard.press("Tab"); // disposition
  await page.keyboard.press("r"); // "Reassure"… then the next r-option
  await page.keyboard.press("r");
  await page.keyboard.press("Tab");
  await page.keyboard.type("3 months");
  await page.screenshot({ path: `${SHOTS}/review.png`, fullPage: true });
  await page.keyboard.press("Control+Enter");
  await expect(page).not.toHaveURL(new RegExp(`case=${caseId}`), { timeout: 15_000 });
  await releaseHeld(page);

  const detail = await (await page.request.get(`/api/v1/cases/${caseId}`)).json();
  expect(detail.status).toBe("answered");
  expect(detail.consultation).toMatchObject({ diagnosisCode: "D22.5", disposition: "routine_in_person", followUp: "3 months" });

  // The referrer sees the reply (and was notified) and closes the loop.
  const clinic = await browser.newPage();
  await signInAs(clinic, "referrer@northside.test", "/clinic");
  await expect(clinic.getByRole("button", { name: /Notifications, [1-9]\d* unread/ })).toBeVisible();
  await clinic.goto(`/clinic/cases/${caseId}`);
  await expect(clinic.getByText("Dysplastic naevus, low suspicion")).toBeVisible();
  await clinic.getByRole("button", { name: "Acknowledge reply" }).click();
  await expect(clinic.getByTestId("case-status")).toHaveText(/closed/i);
  await clinic.close();
});

test("an info request round trip: asked by keyboard, answered by the clinic, back in the queue and the specialist notified", async ({ page, browser }) => {
  const caseId = await triagedCase(browser, 23);
  await signInAs(page, "specialist@demo.test", "/specialist");
  await page.goto(`/specialist/review?case=${caseId}`);
  await page.getByRole("button", { name: "Claim and review" }).click();
  await expect(page.getByRole("heading", { name: "Your reply" })).toBeVisible();
  await page.keyboard.press("i");
  const dialog = page.getByRole("dialog", { name: "Request information from the clinic" });
  await expect(dialog).toBeVisible();
  await page.keyboard.type("Is the lesion raised? Please add a dermoscopy photo.");
  await page.keyboard.press("Control+Enter");
  await expect(page).not.toHaveURL(new RegExp(`case=${caseId}`), { timeout: 15_000 });
  await releaseHeld(page);

  const clinic = await browser.newPage();
  await signInAs(clinic, "referrer@northside.test", "/clinic");
  await clinic.goto(`/clinic/cases/${caseId}`);
  await expect(clinic.getByText("Is the lesion raised? Please add a dermoscopy photo.")).toBeVisible();
  await clinic.getByLabel("Your answer").fill("Yes, slightly raised. Dermoscopy photo to follow.");
  await clinic.getByRole("button", { name: "Send answer" }).click();
  await poll(async () => (await (await clinic.request.get(`/api/v1/cases/${caseId}`)).json()).status, (s) => s === "triaged", "the case to return to the queue");
  await clinic.close();

  await page.goto(`/specialist/review?case=${caseId}`);
  await expect(page.getByText("Yes, slightly raised. Dermoscopy photo to follow.")).toBeVisible();
  await expect(page.getByText("This referral is waiting in the queue.")).toBeVisible();
  const bell = page.getByRole("button", { name: /Notifications, [1-9]\d* unread/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page.getByRole("link", { name: /A clinic has answered your question/ }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/notifications.png`, fullPage: false });
});
