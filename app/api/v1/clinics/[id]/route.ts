import { getClinicEndpoint, updateClinicEndpoint } from "@/lib/endpoints/admin";
import { from, route } from "@/lib/http/route";

type P = { id: string };

export const GET = route(getClinicEndpoint, { input: from.params<P> });

/** Rename, deactivate (also deactivates its referrers) or reactivate. */
export const PATCH = route(updateClinicEndpoint, { input: from.jsonAndParams<P> });
