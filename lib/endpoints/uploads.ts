/**
 * Endpoints of resumable photo uploads (tus 1.0, SPEC §16; lib/uploads/). The library reads the
 * body itself, so each endpoint receives the Request and answers a Response.
 */
import { z } from "zod";
import { defineEndpoint } from "../http/endpoint";
import { continueUpload, createUpload, uploadCapabilities } from "../uploads/service";

const request = z.instanceof(Request);

/** POST: create; the same role, limit class and case checks as the multipart photo route. */
export const createUploadEndpoint = defineEndpoint({
  name: "uploads.create",
  roles: ["referrer"],
  input: z.object({ request }),
  run: (db, ctx, input) => createUpload(db, ctx, input.request),
});

/** HEAD/PATCH/DELETE of one upload: its creator only. */
export const continueUploadEndpoint = defineEndpoint({
  name: "uploads.continue",
  roles: ["referrer"],
  input: z.object({ id: z.string(), request }),
  run: (db, ctx, input) => continueUpload(db, ctx, input.id, input.request),
});

/** OPTIONS: protocol discovery, no upload named, so public (like a CORS preflight would be). */
export const uploadCapabilitiesEndpoint = defineEndpoint({
  name: "uploads.options",
  roles: "public",
  input: z.object({ request }),
  run: (_db, _ctx, input) => uploadCapabilities(input.request),
});
