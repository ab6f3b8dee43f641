import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { releaseCase } from "@/lib/reviews/claims";

export const POST = apiRoute<{ id: string }>(["specialist"], async ({ params, ctx }) => json(await releaseCase(db, ctx, params.id)));
