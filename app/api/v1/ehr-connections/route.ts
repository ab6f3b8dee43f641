import { createEhrConnectionEndpoint, listEhrConnectionsEndpoint } from "@/lib/endpoints/smart";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(listEhrConnectionsEndpoint);

export const POST = route(createEhrConnectionEndpoint, { input: from.json, respond: respond.json(201) });
