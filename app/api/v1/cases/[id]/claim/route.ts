import { db } from "@/lib/db/client";
import { Conflict } from "@/lib/errors";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { claimCase, touchClaim } from "@/lib/reviews/claims";

/** Claim this case (409 when another specialist holds it or it is not in the queue). */
export const POST = apiRoute<{ id: string }>(["specialist"], async ({ params, ctx }) => json(await claimCase(db, ctx, params.id)));

/** Heartbeat: the holder is still working, keep the claim from expiring (204; 409 when not held). */
export const PATCH = apiRoute<{ id: string }>(["specialist"], async ({ params, ctx }) => {
  if (!(await touchClaim(db, ctx, params.id))) throw Conflict("You do not hold a claim on this case");
  return json(null, 204);
});
