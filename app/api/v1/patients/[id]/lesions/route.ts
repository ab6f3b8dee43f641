/** A patient's lesions (SPEC §15): GET them with their photos, POST a new one (referrer of the clinic). */
import { createLesionEndpoint, listLesionsEndpoint } from "@/lib/endpoints/lesions";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(listLesionsEndpoint, { input: from.params<{ id: string }> });
export const POST = route(createLesionEndpoint, { input: from.jsonAndParams<{ id: string }>, respond: respond.json(201) });
