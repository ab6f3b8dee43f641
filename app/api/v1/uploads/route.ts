import { createUploadEndpoint, uploadCapabilitiesEndpoint } from "@/lib/endpoints/uploads";
import { from, respond, route } from "@/lib/http/route";

/** tus creation (201 + Location) and discovery; the library answers the protocol (lib/uploads/). */
export const POST = route(createUploadEndpoint, { input: from.stream, respond: respond.raw });
export const OPTIONS = route(uploadCapabilitiesEndpoint, { input: from.stream, respond: respond.raw });
