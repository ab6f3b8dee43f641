/**
 * The idle timer's view of the server's session clock (SPEC §9). GET is a background check — the
 * client sends `x-dermrelay-background: 1`, so it never extends the session — and answers when
 * the session ends; POST reports a person's action that made no other request (typing a long
 * reply, "Stay signed in") and extends it.
 */
import { reportActivityEndpoint, sessionClockEndpoint } from "@/lib/endpoints/account";
import { route } from "@/lib/http/route";

export const GET = route(sessionClockEndpoint);

export const POST = route(reportActivityEndpoint);
