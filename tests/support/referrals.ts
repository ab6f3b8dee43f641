/**
 * Building referrals in tests through the real services and route handlers: a complete history,
 * multipart photo uploads to the real route, and the worker's steps run in-process.
 */
import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { POST as uploadRoute } from "@/app/api/v1/cases/[id]/photos/route";
import { db } from "@/lib/db/client";
import { photos } from "@/lib/db/schema";
import { createDraft } from "@/lib/cases/drafts";
import type { HistoryInput } from "@/lib/cases/history";
import type { RequestContext } from "@/lib/auth/actor";
import { submitCase } from "@/lib/cases/lifecycle";
import { runPhotoPipeline } from "@/lib/photos/pipeline";
import { claimCase } from "@/lib/reviews/claims";
import { replyToCase } from "@/lib/reviews/consultation";
import { requestInfo } from "@/lib/reviews/info-requests";
import { answerInfoRequest } from "@/lib/reviews/info-responses";
import { triageCase } from "@/lib/triage/run";
import { texturedImage } from "../fixtures/images";
import { params } from "./factories";

export const FOREARM = "14975008";

/** A history that passes submit validation and raises no triage flag (routine). */
export function routineHistory(overrides: Partial<HistoryInput> = {}): HistoryInput {
  return {
    referralQuestion: "Scaly patch, please advise on management",
    suspected: "inflammatory",
    requestedUrgency: "routine",
    onset: "3 months",
    evolution: "stable",
    bodySites: [FOREARM],
    priorTreatments: "none",
    medications: "none",
    allergies: "none",
    consent: { given: true, by: "patient", at: "2026-11-01T10:00:00Z" },
    ...overrides,
  };
}

export async function jpeg(width = 1600, height = 1200, seed = 1): Promise<Buffer> {
  return texturedImage(width, height, seed).jpeg({ quality: 90 }).toBuffer();
}

/** POST a multipart photo to the real upload route handler. */
export async function uploadPhotoRequest(
  cookie: string,
  caseId: string,
  bytes: Buffer,
  fields: { view?: string; bodySite?: string; filename?: string; type?: string } = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  form.set("view", fields.view ?? "overview");
  form.set("bodySite", fields.bodySite ?? FOREARM);
  form.set("file", new Blob([new Uint8Array(bytes)], { type: fields.type ?? "image/jpeg" }), fields.filename ?? "lesion.jpg");
  const req = new Request(`http://localhost:3000/api/v1/cases/${caseId}/photos`, { method: "POST", headers: { ...headers, cookie }, body: form });
  return uploadRoute(req, params({ id: caseId }));
}

const system = () => ({ actor: null, requestId: randomUUID(), ip: null });

/** Run the photo pipeline for every photo of the case still processing (what the worker does). */
export async function processCasePhotos(caseId: string): Promise<string[]> {
  const rows = await db.select({ id: photos.id, status: photos.status }).from(photos).where(eq(photos.caseId, caseId));
  const outcomes: string[] = [];
  for (const r of rows) if (r.status === "processing") outcomes.push(await runPhotoPipeline(db, system(), r.id));
  return outcomes;
}

/** Run triage for a case (what the worker does after submit). */
export const runTriage = (caseId: string) => triageCase(db, system(), caseId);

/** A draft with a complete history for `patientId`, created as `ctx`'s referrer. */
export async function createCompleteDraft(ctx: RequestContext, patientId: string, history: Partial<HistoryInput> = {}) {
  return createDraft(db, ctx, { patientId, history: routineHistory(history) });
}

/** A complete draft for `patientId` with one overview photo (a JPEG from `seed`) uploaded by `cookie` and processed. */
export async function createDraftWithPhoto(ctx: RequestContext, cookie: string, patientId: string, seed: number) {
  const draft = await createCompleteDraft(ctx, patientId);
  await uploadPhotoRequest(cookie, draft.id, await jpeg(1600, 1200, seed));
  await processCasePhotos(draft.id);
  return draft;
}

/**
 * The whole review loop for a draft whose photos are processed: submitted, triaged, claimed, one
 * information round ("Since when?" → "Two months"), claimed again and answered with `reply`.
 */
export async function answerAfterInfoRound(ref: RequestContext, spec: RequestContext, caseId: string, reply: Record<string, unknown>) {
  await submitCase(db, ref, caseId);
  await runTriage(caseId);
  await claimCase(db, spec, caseId);
  await requestInfo(db, spec, caseId, { question: "Since when?" });
  await answerInfoRequest(db, ref, caseId, { answer: "Two months" });
  await claimCase(db, spec, caseId);
  await replyToCase(db, spec, caseId, reply);
}
