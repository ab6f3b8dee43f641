import { heldClaimsEndpoint } from "@/lib/endpoints/reviews";
import { route } from "@/lib/http/route";

/** The cases the signed-in specialist holds, to resume a batch. */
export const GET = route(heldClaimsEndpoint);
