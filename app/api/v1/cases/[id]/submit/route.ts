import { submitCaseEndpoint } from "@/lib/endpoints/cases";
import { from, route } from "@/lib/http/route";

export const POST = route(submitCaseEndpoint, { input: from.params<{ id: string }> });
