import { backlogEndpoint } from "@/lib/endpoints/metrics";
import { route } from "@/lib/http/route";

export const GET = route(backlogEndpoint);
