import { db } from "@/lib/db/client";
import { readQuery } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { listQueue, queueQuerySchema } from "@/lib/reviews/queue";

export const GET = apiRoute(["specialist"], async ({ req, ctx }) => json(await listQueue(db, ctx, readQuery(req, queueQuerySchema))));
