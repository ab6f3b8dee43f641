import { signOutEverywhere } from "@/lib/auth/account";
import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const POST = apiRoute("any", async ({ ctx }) => json(await signOutEverywhere(db, ctx)));
