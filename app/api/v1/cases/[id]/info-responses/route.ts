import { z } from "zod";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { answerInfoRequest } from "@/lib/reviews/info-responses";

/** `{answer}` from a referrer of the case's clinic → back to the queue (201 with the case). */
export const POST = apiRoute<{ id: string }>(["referrer"], async ({ req, params, ctx }) =>
  json(await answerInfoRequest(db, ctx, params.id, await readJson(req, z.unknown())), 201),
);
