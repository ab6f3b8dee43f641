import { acknowledgeCase } from "@/lib/cases/lifecycle";
import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const POST = apiRoute<{ id: string }>(["referrer"], async ({ params, ctx }) => json(await acknowledgeCase(db, ctx, params.id)));
