import { requestInfoEndpoint } from "@/lib/endpoints/reviews";
import { from, respond, route } from "@/lib/http/route";

/** `{question}` from the claim holder → awaiting_info (201 with the case). */
export const POST = route(requestInfoEndpoint, { input: from.jsonAndParams<{ id: string }>, respond: respond.json(201) });
