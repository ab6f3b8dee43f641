import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";
import { heldClaims } from "@/lib/reviews/claims";

/** The cases the signed-in specialist holds, to resume a batch. */
export const GET = apiRoute(["specialist"], async ({ ctx }) => json({ items: await heldClaims(db, ctx) }));
