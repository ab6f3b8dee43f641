/**
 * HTTP pieces of the launch routes: the refusal page (a fixed message per reason, audited, the
 * launch cookies cleared — nothing else happens), the cookies' attributes, and the wizard URL a
 * finished launch lands on. Cookies are httpOnly and SameSite=Lax: the callback is a top-level
 * navigation from the EHR, which Lax allows, while no other site can post with them.
 */
import { env } from "../env";
import type { Db } from "../db/client";
import { audit } from "../audit/record";
import { LAUNCH_REFUSALS, type LaunchRefused } from "./refusal";
import { BINDING_COOKIE, STATE_TTL_SECONDS } from "./launch";
import { LAUNCH_PENDING_MS, PENDING_COOKIE } from "./continue";

const secure = env.APP_URL.startsWith("https://");

type CookieSpec = { name: string; value: string; path: string; maxAge: number };

export const bindingCookie = (value: string): CookieSpec => ({ name: BINDING_COOKIE, value, path: "/smart", maxAge: STATE_TTL_SECONDS });
export const pendingCookie = (launchId: string, binding: string): CookieSpec => ({ name: PENDING_COOKIE, value: `${launchId}.${binding}`, path: "/", maxAge: LAUNCH_PENDING_MS / 1000 });
export const clearedCookies = (): CookieSpec[] => [
  { name: BINDING_COOKIE, value: "", path: "/smart", maxAge: 0 },
  { name: PENDING_COOKIE, value: "", path: "/", maxAge: 0 },
];

/** Serialise a cookie for a Set-Cookie header. */
export function setCookie(c: CookieSpec): string {
  return `${c.name}=${c.value}; Path=${c.path}; Max-Age=${c.maxAge}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** One cookie's value from a request. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get("cookie") ?? "").split(/;\s*/)) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i) === name) return part.slice(i + 1);
  }
  return undefined;
}

/** A redirect carrying cookies. */
export function redirectWith(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
}

/** Where a finished launch goes: the wizard on a draft, else the case page. */
export const wizardUrl = (caseId: string, status: string) => `${env.APP_URL}${status === "draft" ? `/clinic/cases/${caseId}/edit?step=patient` : `/clinic/cases/${caseId}`}`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The refusal page: audited, cookies cleared, status 400 (403 for a wrong account). */
export async function refusal(db: Db, refused: LaunchRefused, meta: { requestId: string; ip: string | null }): Promise<Response> {
  const { reason, where } = refused;
  await audit(db, { actor: null, requestId: meta.requestId, ip: meta.ip }, { action: "smart.launch", resourceType: "ehr_connection", ...(where.connectionId ? { resourceId: where.connectionId } : {}), outcome: "denied", details: { reason } });
  const status = reason === "ehr_unavailable" ? 502 : reason === "wrong_account" || reason === "not_a_referrer" ? 403 : 400;
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Launch refused — DermRelay</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem"><main><h1>DermRelay could not open this launch</h1>
<p role="alert">${esc(LAUNCH_REFUSALS[reason])}</p><p>Reference: <code>${esc(meta.requestId)}</code> (reason <code>${reason}</code>)</p></main></body></html>`;
  const headers = new Headers({ "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  for (const c of clearedCookies()) headers.append("set-cookie", setCookie(c));
  return new Response(body, { status, headers });
}
