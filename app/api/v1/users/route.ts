import { inviteUserEndpoint, listUsersEndpoint } from "@/lib/endpoints/admin";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(listUsersEndpoint, { input: from.query });

/** Invite: creates the account and e-mails a single-use set-password link. */
export const POST = route(inviteUserEndpoint, { input: from.json, respond: respond.json(201) });
