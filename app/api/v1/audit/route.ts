import { auditQuerySchema, exportAuditCsv, listAuditEvents } from "@/lib/audit/viewer";
import { csvResponse, wantsCsv } from "@/lib/http/csv";
import { db } from "@/lib/db/client";
import { readQuery } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

/** Audit events, newest first, keyset-paginated; `Accept: text/csv` or `format=csv` exports every match. */
export const GET = apiRoute(["admin"], async ({ req, ctx }) => {
  const q = readQuery(req, auditQuerySchema);
  if (!wantsCsv(req, q.format)) return json(await listAuditEvents(db, ctx, q));
  const { csv } = await exportAuditCsv(db, ctx, q);
  return csvResponse(csv, `audit-${new Date().toISOString().slice(0, 10)}.csv`);
});
