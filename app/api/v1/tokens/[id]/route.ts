import { revokeTokenEndpoint } from "@/lib/endpoints/account";
import { from, respond, route } from "@/lib/http/route";

export const DELETE = route(revokeTokenEndpoint, { input: from.params<{ id: string }>, respond: respond.noContent });
