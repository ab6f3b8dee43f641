/**
 * Resolving the acting user from request headers: decode the Auth.js cookie, then check the
 * server-side session. Works the same for route handlers (pass request.headers) and pages
 * (pass `await headers()`).
 */
import { decode, getToken } from "next-auth/jwt";
import { db } from "../db/client";
import { env } from "../env";
import type { Actor } from "./actor";
import { actorFromToken } from "./api-tokens";
import { isBackgroundRequest } from "./background";
import { resolveSession } from "./sessions";
import { cachedSessionId } from "./token-cache";

const secureCookie = env.APP_URL.startsWith("https://");
const cookieName = secureCookie ? "__Secure-authjs.session-token" : "authjs.session-token";
const appOrigin = new URL(env.APP_URL).origin;

/**
 * The signed-in actor for these headers (API token or session cookie), or null. A background
 * request (lib/auth/activity.ts) is authenticated without extending the session.
 */
export async function actorFromHeaders(headers: Headers): Promise<Actor | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? actorFromToken(db, match[1]!) : null;
  }
  const cookie = headers.get("cookie");
  if (!cookie?.includes(cookieName)) return null;
  // Keyed by the whole Cookie header: a browser sends the same one on every request, so neither
  // the cookie parse nor the decode is repeated.
  const sid = await cachedSessionId(cookie, async () => {
    const raw = await getToken({ req: { headers }, secret: env.AUTH_SECRET, secureCookie, salt: cookieName, cookieName, raw: true });
    return raw ? decode({ token: raw, secret: env.AUTH_SECRET, salt: cookieName }).catch(() => null) : null;
  });
  if (!sid || !/^[0-9a-f-]{36}$/.test(sid)) return null;
  return resolveSession(db, sid, new Date(), { touch: !isBackgroundRequest(headers, appOrigin) });
}

export const SESSION_COOKIE_NAME = cookieName;
