import { replyEndpoint } from "@/lib/endpoints/reviews";
import { from, respond, route } from "@/lib/http/route";

/** The claim holder's reply → answered (201 with the case). */
export const POST = route(replyEndpoint, { input: from.jsonAndParams<{ id: string }>, respond: respond.json(201) });
