import { deleteDraftEndpoint, getCaseEndpoint, updateDraftEndpoint } from "@/lib/endpoints/cases";
import { from, respond, route } from "@/lib/http/route";

type P = { id: string };

export const GET = route(getCaseEndpoint, { input: from.params<P> });

export const PATCH = route(updateDraftEndpoint, { input: from.jsonAndParams<P> });

export const DELETE = route(deleteDraftEndpoint, { input: from.params<P>, respond: respond.noContent });
