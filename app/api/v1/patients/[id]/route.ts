import { getPatientEndpoint } from "@/lib/endpoints/patients";
import { from, route } from "@/lib/http/route";

export const GET = route(getPatientEndpoint, { input: from.params<{ id: string }> });
