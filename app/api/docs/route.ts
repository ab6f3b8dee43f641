/** GET /api/docs: the browsable API reference, rendered on the server from the OpenAPI document. */
import { apiDocsEndpoint } from "@/lib/endpoints/api-docs";
import { respond, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(apiDocsEndpoint, { respond: respond.raw });
