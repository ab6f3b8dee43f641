import { z } from "zod";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { deleteTemplate, updateTemplate } from "@/lib/reviews/templates";

export const PATCH = apiRoute<{ id: string }>(["specialist"], async ({ req, params, ctx }) =>
  json(await updateTemplate(db, ctx, params.id, await readJson(req, z.unknown()))),
);

export const DELETE = apiRoute<{ id: string }>(["specialist"], async ({ params, ctx }) => {
  await deleteTemplate(db, ctx, params.id);
  return json(null, 204);
});
