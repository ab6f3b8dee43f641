import { getEhrConnectionEndpoint, updateEhrConnectionEndpoint } from "@/lib/endpoints/smart";
import { from, route } from "@/lib/http/route";

type P = { id: string };

export const GET = route(getEhrConnectionEndpoint, { input: from.params<P> });

export const PATCH = route(updateEhrConnectionEndpoint, { input: from.jsonAndParams<P> });
