import { createFhirClientEndpoint, listFhirClientsEndpoint } from "@/lib/endpoints/smart";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(listFhirClientsEndpoint);

export const POST = route(createFhirClientEndpoint, { input: from.json, respond: respond.json(201) });
