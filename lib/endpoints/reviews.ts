/**
 * Endpoints of the specialist's review (SPEC §5): the queue page, claim-next, claims on one case,
 * the reply, information requests and reply templates.
 */
import { z } from "zod";
import { Conflict } from "../errors";
import { defineEndpoint } from "../http/endpoint";
import { claimNext } from "../reviews/claim-next";
import { claimCase, heldClaims, releaseCase, touchClaim } from "../reviews/claims";
import { replyToCase } from "../reviews/consultation";
import { requestInfo } from "../reviews/info-requests";
import { listQueue, queueQuerySchema } from "../reviews/queue";
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from "../reviews/templates";
import { idAndBodyInput, idInput } from "./ids";

export const queuePageEndpoint = defineEndpoint({
  name: "queue.page",
  roles: ["specialist"],
  input: queueQuerySchema,
  run: (_db, ctx, q) => listQueue(ctx, q),
});

/** The claimed case, or null when the queue is empty. */
export const claimNextEndpoint = defineEndpoint({
  name: "queue.claimNext",
  roles: ["specialist"],
  input: z.undefined(),
  run: (db, ctx) => claimNext(db, ctx),
});

/** The cases the signed-in specialist holds, to resume a batch. */
export const heldClaimsEndpoint = defineEndpoint({
  name: "queue.claims",
  roles: ["specialist"],
  input: z.undefined(),
  run: async (db, ctx) => ({ items: await heldClaims(db, ctx) }),
});

/** Claim this case (409 when another specialist holds it or it is not in the queue). */
export const claimCaseEndpoint = defineEndpoint({
  name: "cases.claim",
  roles: ["specialist"],
  input: idInput,
  run: (db, ctx, { id }) => claimCase(db, ctx, id),
});

/** Heartbeat: the holder is still working, keep the claim from expiring (409 when not held). */
export const touchClaimEndpoint = defineEndpoint({
  name: "cases.touchClaim",
  roles: ["specialist"],
  input: idInput,
  run: async (db, ctx, { id }) => {
    if (!(await touchClaim(db, ctx, id))) throw Conflict("You do not hold a claim on this case");
    return null;
  },
});

export const releaseCaseEndpoint = defineEndpoint({
  name: "cases.release",
  roles: ["specialist"],
  input: idInput,
  run: (db, ctx, { id }) => releaseCase(db, ctx, id),
});

/** The claim holder's reply → answered. */
export const replyEndpoint = defineEndpoint({
  name: "cases.reply",
  roles: ["specialist"],
  input: idAndBodyInput,
  run: (db, ctx, { id, body }) => replyToCase(db, ctx, id, body),
});

/** `{question}` from the claim holder → awaiting_info. */
export const requestInfoEndpoint = defineEndpoint({
  name: "cases.requestInfo",
  roles: ["specialist"],
  input: idAndBodyInput,
  run: (db, ctx, { id, body }) => requestInfo(db, ctx, id, body),
});

export const listTemplatesEndpoint = defineEndpoint({
  name: "templates.list",
  roles: ["specialist"],
  input: z.undefined(),
  run: async (db, ctx) => ({ items: await listTemplates(db, ctx) }),
});

export const createTemplateEndpoint = defineEndpoint({
  name: "templates.create",
  roles: ["specialist"],
  input: z.unknown(),
  run: (db, ctx, body) => createTemplate(db, ctx, body),
});

export const updateTemplateEndpoint = defineEndpoint({
  name: "templates.update",
  roles: ["specialist"],
  input: idAndBodyInput,
  run: (db, ctx, { id, body }) => updateTemplate(db, ctx, id, body),
});

export const deleteTemplateEndpoint = defineEndpoint({
  name: "templates.delete",
  roles: ["specialist"],
  input: idInput,
  run: async (db, ctx, { id }) => {
    await deleteTemplate(db, ctx, id);
    return null;
  },
});
