import { resendInviteEndpoint } from "@/lib/endpoints/admin";
import { from, respond, route } from "@/lib/http/route";

/** Issue and e-mail a fresh set-password link; older links stop working. */
export const POST = route(resendInviteEndpoint, { input: from.params<{ id: string }>, respond: respond.json(201) });
