import { answerInfoRequestEndpoint } from "@/lib/endpoints/cases";
import { from, respond, route } from "@/lib/http/route";

/** `{answer}` from a referrer of the case's clinic → back to the queue (201 with the case). */
export const POST = route(answerInfoRequestEndpoint, { input: from.jsonAndParams<{ id: string }>, respond: respond.json(201) });
