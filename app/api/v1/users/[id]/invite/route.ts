import { resendInvite } from "@/lib/identity/users";
import { db } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

/** Issue and e-mail a fresh set-password link; older links stop working. */
export const POST = apiRoute<{ id: string }>(["admin"], async ({ params, ctx }) => json(await resendInvite(db, ctx, params.id), 201));
