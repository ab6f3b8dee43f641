import { createClinicEndpoint, listClinicsEndpoint } from "@/lib/endpoints/admin";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(listClinicsEndpoint);

export const POST = route(createClinicEndpoint, { input: from.json, respond: respond.json(201) });
