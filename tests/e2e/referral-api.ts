/**
 * Seeding referrals through the real API from a signed-in browser context, for the specs that
 * need photos processed by the real worker (measuring, Compare): create a patient and a case,
 * upload a photo, wait for the worker, submit and wait for triage.
 */
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";

export const FOREARM = "14975008";

/** Call `fn` every half second until `done` holds (or fail after `ms`). */
export async function poll<T>(fn: () => Promise<T>, done: (v: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The JSON of `res`, after checking its status (the body is in the message when it differs). */
export async function ok<T = { id: string }>(res: APIResponse, status = 201): Promise<T> {
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

/** Steps of a referral for the referrer signed in on `api`. */
export function referralApi(api: APIRequestContext) {
  return {
    patient: async (mrn: string, givenName: string, familyName: string) =>
      ok(await api.post("/api/v1/patients", { data: { mrn, givenName, familyName, birthDate: "1970-05-06", sex: "female" } })),
    case: async (patientId: string, referralQuestion: string) =>
      ok(
        await api.post("/api/v1/cases", {
          data: {
            patientId,
            history: {
              referralQuestion,
              suspected: "other",
              requestedUrgency: "routine",
              onset: "1 year",
              evolution: "stable",
              bodySites: [FOREARM],
              priorTreatments: "none",
              medications: "none",
              allergies: "none",
              consent: { given: true, by: "patient", at: new Date().toISOString() },
            },
          },
        }),
      ),
    /** Upload a close-up and wait until the worker has processed it; the photo as the API shows it. */
    closeup: async (caseId: string, jpeg: Buffer) => {
      const { id } = await ok(await api.post(`/api/v1/cases/${caseId}/photos`, { multipart: { file: { name: "closeup.jpg", mimeType: "image/jpeg", buffer: jpeg }, view: "closeup", bodySite: FOREARM } }));
      return poll(async () => (await (await api.get(`/api/v1/photos/${id}`)).json()) as { id: string; status: string; scale: unknown }, (p) => p.status === "ready", "the photo to be processed");
    },
    submit: async (caseId: string) => {
      await ok(await api.post(`/api/v1/cases/${caseId}/submit`), 200);
      await poll(async () => (await (await api.get(`/api/v1/cases/${caseId}`)).json()).status, (s) => s === "triaged", "triage");
    },
  };
}
