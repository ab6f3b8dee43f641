import { createTemplateEndpoint, listTemplatesEndpoint } from "@/lib/endpoints/reviews";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(listTemplatesEndpoint);

export const POST = route(createTemplateEndpoint, { input: from.json, respond: respond.json(201) });
