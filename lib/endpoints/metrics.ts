/** Endpoints of the service dashboard (SPEC §7): turnaround (JSON or an audited CSV export), backlog, quality, equity by skin type. */
import { z } from "zod";
import { audit } from "../audit/record";
import { defineEndpoint } from "../http/endpoint";
import { backlog } from "../metrics/backlog";
import { turnaroundCsv } from "../metrics/csv";
import { equityReport } from "../metrics/equity";
import { qualityByClinic } from "../metrics/quality";
import { metricsQuerySchema } from "../metrics/range";
import { turnaroundReport } from "../metrics/turnaround";

const ADMIN = ["admin"] as const;

export const turnaroundEndpoint = defineEndpoint({
  name: "metrics.turnaround",
  roles: ADMIN,
  input: metricsQuerySchema,
  run: (db, ctx, q) => turnaroundReport(db, ctx.actor, { range: q, groupBy: q.groupBy }),
});

/** The same report as CSV; the export is audited as one. */
export const turnaroundExportEndpoint = defineEndpoint({
  name: "metrics.turnaround.export",
  roles: ADMIN,
  input: metricsQuerySchema,
  run: async (db, ctx, q) => {
    const report = await turnaroundReport(db, ctx.actor, { range: q, groupBy: q.groupBy });
    await audit(db, ctx, { action: "metrics.export", resourceType: "report", resourceId: "turnaround", details: { from: q.fromDay, to: q.toDay, groupBy: q.groupBy } });
    return { csv: turnaroundCsv(report), filename: `turnaround-${q.fromDay}-${q.toDay}-${q.groupBy}.csv` };
  },
});

export const backlogEndpoint = defineEndpoint({ name: "metrics.backlog", roles: ADMIN, input: z.undefined(), run: (db, ctx) => backlog(db, ctx.actor) });

export const qualityEndpoint = defineEndpoint({
  name: "metrics.quality",
  roles: ADMIN,
  input: metricsQuerySchema,
  run: async (db, ctx, q) => ({ from: q.fromDay, to: q.toDay, clinics: await qualityByClinic(db, ctx.actor, q) }),
});

/** Photo quality, turnaround and dispositions by Fitzpatrick skin type (issue 15). */
export const equityEndpoint = defineEndpoint({
  name: "metrics.equity",
  roles: ADMIN,
  input: metricsQuerySchema,
  run: (db, ctx, q) => equityReport(db, ctx.actor, q),
});
