import { issueTokenEndpoint, listTokensEndpoint } from "@/lib/endpoints/account";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(listTokensEndpoint);

export const POST = route(issueTokenEndpoint, { input: from.json, respond: respond.json(201) });
