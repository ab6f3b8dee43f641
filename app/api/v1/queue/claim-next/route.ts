import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { claimNext } from "@/lib/reviews/claim-next";

/** 200 with the claimed case, 204 when the queue is empty. */
export const POST = apiRoute(["specialist"], async ({ ctx }) => {
  const claimed = await claimNext(db, ctx);
  return claimed ? json(claimed) : json(null, 204);
});
