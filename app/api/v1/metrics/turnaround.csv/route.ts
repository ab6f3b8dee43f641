import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/route";
import { turnaroundResponse } from "@/lib/http/metrics";

export const GET = apiRoute(["admin"], ({ req, ctx }) => turnaroundResponse(db, req, ctx, true));
