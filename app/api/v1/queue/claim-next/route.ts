import { claimNextEndpoint } from "@/lib/endpoints/reviews";
import { respond, route } from "@/lib/http/route";

/** 200 with the claimed case, 204 when the queue is empty. */
export const POST = route(claimNextEndpoint, { respond: respond.jsonOrNoContent });
