import { exportAuditEndpoint, listAuditEndpoint } from "@/lib/endpoints/admin";
import { from, negotiated, respond, route } from "@/lib/http/route";

/** Audit events, newest first, keyset-paginated; `Accept: text/csv` or `format=csv` exports every match. */
export const GET = negotiated({
  json: route(listAuditEndpoint, { input: from.query }),
  csv: route(exportAuditEndpoint, { input: from.query, respond: respond.csv }),
});
