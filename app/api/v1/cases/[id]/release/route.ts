import { releaseCaseEndpoint } from "@/lib/endpoints/reviews";
import { from, route } from "@/lib/http/route";

export const POST = route(releaseCaseEndpoint, { input: from.params<{ id: string }> });
