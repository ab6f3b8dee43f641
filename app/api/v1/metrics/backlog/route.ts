import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/route";
import { json } from "@/lib/http/respond";
import { backlog } from "@/lib/metrics/backlog";

export const GET = apiRoute(["admin"], async ({ ctx }) => json(await backlog(db, ctx.actor)));
