import { turnaroundExportEndpoint } from "@/lib/endpoints/metrics";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(turnaroundExportEndpoint, { input: from.query, respond: respond.csv });
