import { revokeApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const DELETE = apiRoute<{ id: string }>(["admin"], async ({ params, ctx }) => {
  await revokeApiToken(db, ctx, params.id);
  return json(null, 204);
});
