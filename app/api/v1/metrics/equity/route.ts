import { equityEndpoint } from "@/lib/endpoints/metrics";
import { from, route } from "@/lib/http/route";

export const GET = route(equityEndpoint, { input: from.query });
