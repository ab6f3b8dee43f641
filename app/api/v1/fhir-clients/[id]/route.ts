import { updateFhirClientEndpoint } from "@/lib/endpoints/smart";
import { from, route } from "@/lib/http/route";

type P = { id: string };

/** Deactivate or reactivate, change scopes, rotate inline keys. */
export const PATCH = route(updateFhirClientEndpoint, { input: from.jsonAndParams<P> });
