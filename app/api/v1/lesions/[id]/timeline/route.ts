/** One lesion over time (SPEC §15): its photos across referrals with their sizes, for Compare. */
import { lesionTimelineEndpoint } from "@/lib/endpoints/lesions";
import { from, route } from "@/lib/http/route";

export const GET = route(lesionTimelineEndpoint, { input: from.params<{ id: string }> });
