import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { getPhoto, removePhoto } from "@/lib/photos/service";

type P = { id: string };

export const GET = apiRoute<P>("any", async ({ params, ctx }) => json(await getPhoto(db, ctx, params.id)));

export const DELETE = apiRoute<P>(["referrer"], async ({ params, ctx }) => {
  await removePhoto(db, ctx, params.id);
  return json(null, 204);
});
