import { diagnosisCodesEndpoint } from "@/lib/endpoints/codes";
import { from, route } from "@/lib/http/route";

export const GET = route(diagnosisCodesEndpoint, { input: from.query });
