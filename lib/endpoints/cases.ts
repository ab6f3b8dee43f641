/**
 * Endpoints of referrals (SPEC §4): drafts, the case list and detail, the lifecycle transitions
 * and the clinic's answer to an information request. Each is defined once here and carried to
 * HTTP by app/api/v1/cases/… route handlers. Logic stays in lib/cases and lib/reviews; these only
 * say who may call and what the input is. Services that validate their own body (so their field
 * paths stay the SPEC's) get it whole as `body`.
 */
import { z } from "zod";
import { createDraft, deleteDraft, updateDraft } from "../cases/drafts";
import { acknowledgeCase, submitCase, withdrawCase } from "../cases/lifecycle";
import { caseListQuerySchema, listCases } from "../cases/list";
import { getCase } from "../cases/read";
import { defineEndpoint } from "../http/endpoint";
import { deletePhotoObjects } from "../photos/store";
import { answerInfoRequest } from "../reviews/info-responses";
import { idAndBodyInput, idInput } from "./ids";

export const createDraftEndpoint = defineEndpoint({
  name: "cases.create",
  roles: ["referrer"],
  input: z.unknown(),
  run: (db, ctx, body) => createDraft(db, ctx, body),
});

export const listCasesEndpoint = defineEndpoint({
  name: "cases.list",
  roles: "any",
  input: caseListQuerySchema,
  run: (db, ctx, q) => listCases(db, ctx, q),
});

export const getCaseEndpoint = defineEndpoint({
  name: "cases.get",
  roles: "any",
  input: idInput,
  run: (db, ctx, { id }) => getCase(db, ctx, id),
});

export const updateDraftEndpoint = defineEndpoint({
  name: "cases.update",
  roles: ["referrer"],
  input: idAndBodyInput,
  run: (db, ctx, { id, body }) => updateDraft(db, ctx, id, body),
});

/** Deletes the draft, then its photos' stored objects (after the commit). */
export const deleteDraftEndpoint = defineEndpoint({
  name: "cases.delete",
  roles: ["referrer"],
  input: idInput,
  run: async (db, ctx, { id }) => {
    await deletePhotoObjects(await deleteDraft(db, ctx, id));
    return null;
  },
});

export const submitCaseEndpoint = defineEndpoint({
  name: "cases.submit",
  roles: ["referrer"],
  input: idInput,
  run: (db, ctx, { id }) => submitCase(db, ctx, id),
});

export const withdrawCaseEndpoint = defineEndpoint({
  name: "cases.withdraw",
  roles: ["referrer"],
  input: idInput,
  run: (db, ctx, { id }) => withdrawCase(db, ctx, id),
});

export const acknowledgeCaseEndpoint = defineEndpoint({
  name: "cases.acknowledge",
  roles: ["referrer"],
  input: idInput,
  run: (db, ctx, { id }) => acknowledgeCase(db, ctx, id),
});

/** `{answer}` from a referrer of the case's clinic → back to the queue. */
export const answerInfoRequestEndpoint = defineEndpoint({
  name: "cases.answerInfoRequest",
  roles: ["referrer"],
  input: idAndBodyInput,
  run: (db, ctx, { id, body }) => answerInfoRequest(db, ctx, id, body),
});
