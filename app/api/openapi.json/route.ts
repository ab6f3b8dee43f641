/** GET /api/openapi.json: the OpenAPI 3.1 document of /api/v1, generated from the zod schemas. */
import { openApiEndpoint } from "@/lib/endpoints/api-docs";
import { respond, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(openApiEndpoint, { respond: respond.raw });
