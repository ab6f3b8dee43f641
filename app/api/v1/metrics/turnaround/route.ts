import { turnaroundEndpoint, turnaroundExportEndpoint } from "@/lib/endpoints/metrics";
import { from, negotiated, respond, route } from "@/lib/http/route";

export const GET = negotiated({
  json: route(turnaroundEndpoint, { input: from.query }),
  csv: route(turnaroundExportEndpoint, { input: from.query, respond: respond.csv }),
});
