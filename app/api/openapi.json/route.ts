/** GET /api/openapi.json: the OpenAPI 3.1 document of /api/v1, generated from the zod schemas. */
import { openApiDocument } from "@/lib/http/openapi/document";
import { json } from "@/lib/http/respond";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => json(openApiDocument(), 200, { "cache-control": "public, max-age=300" }));
