import { z } from "zod";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { replyToCase } from "@/lib/reviews/consultation";

/** The claim holder's reply → answered (201 with the case). */
export const POST = apiRoute<{ id: string }>(["specialist"], async ({ req, params, ctx }) =>
  json(await replyToCase(db, ctx, params.id, await readJson(req, z.unknown())), 201),
);
