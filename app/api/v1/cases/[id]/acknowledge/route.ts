import { acknowledgeCaseEndpoint } from "@/lib/endpoints/cases";
import { from, route } from "@/lib/http/route";

export const POST = route(acknowledgeCaseEndpoint, { input: from.params<{ id: string }> });
