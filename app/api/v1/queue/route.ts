import { queuePageEndpoint } from "@/lib/endpoints/reviews";
import { from, route } from "@/lib/http/route";

export const GET = route(queuePageEndpoint, { input: from.query });
