/** GET /api/docs: the browsable API reference, rendered on the server from the OpenAPI document. */
import { apiDocsHtml } from "@/lib/http/openapi/html";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

let page: string | null = null;

export const GET = publicRoute(async () => {
  page ??= apiDocsHtml();
  return new Response(page, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=300", "x-content-type-options": "nosniff" } });
});
