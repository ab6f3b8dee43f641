/**
 * Shared by the metrics route handlers: parse the query, build the report and answer JSON or CSV
 * (`Accept: text/csv`, `?format=csv` or the `.csv` path). A CSV export is audited as one.
 */
import type { Db } from "../db/client";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { csvResponse, wantsCsv } from "./csv";
import { readQuery } from "./body";
import { json } from "./respond";
import { turnaroundCsv } from "../metrics/csv";
import { metricsQuerySchema } from "../metrics/range";
import { turnaroundReport } from "../metrics/turnaround";

/** Answer a turnaround request; `forceCsv` for the `.csv` path. */
export async function turnaroundResponse(db: Db, req: Request, ctx: RequestContext, forceCsv = false): Promise<Response> {
  const q = readQuery(req, metricsQuerySchema);
  const report = await turnaroundReport(db, ctx.actor, { range: q, groupBy: q.groupBy });
  if (!forceCsv && !wantsCsv(req, q.format)) return json(report);
  await audit(db, ctx, { action: "metrics.export", resourceType: "report", resourceId: "turnaround", details: { from: q.fromDay, to: q.toDay, groupBy: q.groupBy } });
  return csvResponse(turnaroundCsv(report), `turnaround-${q.fromDay}-${q.toDay}-${q.groupBy}.csv`);
}
