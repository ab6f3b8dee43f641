import { db } from "@/lib/db/client";
import { readQuery } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { json } from "@/lib/http/respond";
import { qualityByClinic } from "@/lib/metrics/quality";
import { metricsQuerySchema } from "@/lib/metrics/range";

export const GET = apiRoute(["admin"], async ({ req, ctx }) => {
  const q = readQuery(req, metricsQuerySchema);
  return json({ from: q.fromDay, to: q.toDay, clinics: await qualityByClinic(db, ctx.actor, q) });
});
