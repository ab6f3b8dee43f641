import { createDraftEndpoint, listCasesEndpoint } from "@/lib/endpoints/cases";
import { from, respond, route } from "@/lib/http/route";

export const POST = route(createDraftEndpoint, { input: from.json, respond: respond.json(201) });

export const GET = route(listCasesEndpoint, { input: from.query });
