import { uploadPhotoEndpoint } from "@/lib/endpoints/photos";
import { from, respond, route } from "@/lib/http/route";

/** One multipart photo, read as a stream by the service (201 in `processing`). */
export const POST = route(uploadPhotoEndpoint, { input: from.stream<{ id: string }>, respond: respond.json(201) });
