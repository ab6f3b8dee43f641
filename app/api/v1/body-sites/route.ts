import { BODY_SITES } from "@/lib/codes/body-sites";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute("any", async () => json({ items: BODY_SITES }));
