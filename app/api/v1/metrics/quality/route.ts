import { qualityEndpoint } from "@/lib/endpoints/metrics";
import { from, route } from "@/lib/http/route";

export const GET = route(qualityEndpoint, { input: from.query });
