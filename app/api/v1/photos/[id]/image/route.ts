import { photoImageEndpoint } from "@/lib/endpoints/photos";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(photoImageEndpoint, { input: from.queryAndParams<{ id: string }>, respond: respond.bytes("image/jpeg") });
