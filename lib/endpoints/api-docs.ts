/**
 * The public endpoints that describe the API itself (SPEC §8): the OpenAPI 3.1 document and its
 * browsable reference, both generated from the same zod schemas the routes use.
 */
import { z } from "zod";
import { defineEndpoint } from "../http/endpoint";
import { apiDocsHtml } from "../http/openapi/html";
import { openApiDocument } from "../http/openapi/document";
import { json } from "../http/respond";

const PUBLIC_CACHE = { "cache-control": "public, max-age=300" };

export const openApiEndpoint = defineEndpoint({
  name: "api.openapi",
  roles: "public",
  input: z.undefined(),
  run: async () => json(openApiDocument(), 200, PUBLIC_CACHE),
});

let page: string | null = null;

export const apiDocsEndpoint = defineEndpoint({
  name: "api.docs",
  roles: "public",
  input: z.undefined(),
  run: async () => {
    page ??= apiDocsHtml();
    return new Response(page, { headers: { ...PUBLIC_CACHE, "content-type": "text/html; charset=utf-8", "x-content-type-options": "nosniff" } });
  },
});
