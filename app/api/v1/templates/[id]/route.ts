import { deleteTemplateEndpoint, updateTemplateEndpoint } from "@/lib/endpoints/reviews";
import { from, respond, route } from "@/lib/http/route";

type P = { id: string };

export const PATCH = route(updateTemplateEndpoint, { input: from.jsonAndParams<P> });

export const DELETE = route(deleteTemplateEndpoint, { input: from.params<P>, respond: respond.noContent });
