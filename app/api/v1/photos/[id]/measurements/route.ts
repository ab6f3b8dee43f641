/** Manual measurements of a photo (SPEC §15): GET the saved ones, POST a ruler or outline (claim holder). */
import { listMeasurementsEndpoint, saveMeasurementEndpoint } from "@/lib/endpoints/measure";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(listMeasurementsEndpoint, { input: from.params<{ id: string }> });
export const POST = route(saveMeasurementEndpoint, { input: from.jsonAndParams<{ id: string }>, respond: respond.json(201) });
