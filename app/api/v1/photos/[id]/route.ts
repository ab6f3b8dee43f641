import { getPhotoEndpoint, removePhotoEndpoint } from "@/lib/endpoints/photos";
import { from, respond, route } from "@/lib/http/route";

type P = { id: string };

export const GET = route(getPhotoEndpoint, { input: from.params<P> });

export const DELETE = route(removePhotoEndpoint, { input: from.params<P>, respond: respond.noContent });
