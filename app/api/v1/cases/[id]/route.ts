import { z } from "zod";
import { deleteDraft, updateDraft } from "@/lib/cases/drafts";
import { getCase } from "@/lib/cases/read";
import { db } from "@/lib/db/client";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { deletePhotoObjects } from "@/lib/photos/store";

type P = { id: string };

export const GET = apiRoute<P>("any", async ({ params, ctx }) => json(await getCase(db, ctx, params.id)));

export const PATCH = apiRoute<P>(["referrer"], async ({ req, params, ctx }) =>
  json(await updateDraft(db, ctx, params.id, await readJson(req, z.unknown()))),
);

export const DELETE = apiRoute<P>(["referrer"], async ({ params, ctx }) => {
  await deletePhotoObjects(await deleteDraft(db, ctx, params.id));
  return json(null, 204);
});
