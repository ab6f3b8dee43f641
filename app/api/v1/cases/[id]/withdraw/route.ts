import { withdrawCaseEndpoint } from "@/lib/endpoints/cases";
import { from, route } from "@/lib/http/route";

export const POST = route(withdrawCaseEndpoint, { input: from.params<{ id: string }> });
