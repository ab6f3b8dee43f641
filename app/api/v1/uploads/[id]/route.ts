import { continueUploadEndpoint } from "@/lib/endpoints/uploads";
import { from, respond, route } from "@/lib/http/route";

/** One tus upload: HEAD gives the offset, PATCH continues (the last answers the photo), DELETE abandons. */
export const HEAD = route(continueUploadEndpoint, { input: from.stream<{ id: string }>, respond: respond.raw });
export const PATCH = route(continueUploadEndpoint, { input: from.stream<{ id: string }>, respond: respond.raw });
export const DELETE = route(continueUploadEndpoint, { input: from.stream<{ id: string }>, respond: respond.raw });
