import { claimCaseEndpoint, touchClaimEndpoint } from "@/lib/endpoints/reviews";
import { from, respond, route } from "@/lib/http/route";

type P = { id: string };

/** Claim this case (409 when another specialist holds it or it is not in the queue). */
export const POST = route(claimCaseEndpoint, { input: from.params<P> });

/** Heartbeat: the holder is still working, keep the claim from expiring (204; 409 when not held). */
export const PATCH = route(touchClaimEndpoint, { input: from.params<P>, respond: respond.noContent });
