import { createPatientEndpoint, searchPatientsEndpoint } from "@/lib/endpoints/patients";
import { from, respond, route } from "@/lib/http/route";

export const POST = route(createPatientEndpoint, { input: from.json, respond: respond.json(201) });

export const GET = route(searchPatientsEndpoint, { input: from.query });
