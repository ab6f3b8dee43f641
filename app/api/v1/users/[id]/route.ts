import { getUserEndpoint, updateUserEndpoint } from "@/lib/endpoints/admin";
import { from, route } from "@/lib/http/route";

type P = { id: string };

export const GET = route(getUserEndpoint, { input: from.params<P> });

/** Change name, role, clinic or `active` (false ends the user's sessions at once). */
export const PATCH = route(updateUserEndpoint, { input: from.jsonAndParams<P> });
