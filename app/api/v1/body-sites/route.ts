import { bodySitesEndpoint } from "@/lib/endpoints/codes";
import { route } from "@/lib/http/route";

export const GET = route(bodySitesEndpoint);
