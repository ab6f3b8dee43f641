import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { uploadPhoto } from "@/lib/photos/service";

export const POST = apiRoute<{ id: string }>(["referrer"], async ({ req, params, ctx }) => {
  const photo = await uploadPhoto(db, ctx, params.id, req);
  return json({ ...photo }, 201);
});
