/**
 * SMART App Launch step two (SPEC §13): verify the callback, then sign the linked user in (when
 * no one-time code applies) and open the wizard, or ask for a DermRelay sign-in once.
 */
import { db } from "@/lib/db/client";
import { actorFromHeaders } from "@/lib/auth/current";
import { resolveSession, revokeSession } from "@/lib/auth/sessions";
import { clientIp, requestIdFrom } from "@/lib/http/request-info";
import { enforceRateLimit, RateLimitedError, rateLimitedResponse } from "@/lib/http/rate-limit";
import { completeCallback } from "@/lib/smart/callback";
import { finishLaunch, linkedUser, pendingLaunch } from "@/lib/smart/continue";
import { BINDING_COOKIE } from "@/lib/smart/launch";
import { clearedCookies, pendingCookie, readCookie, redirectWith, refusal, setCookie, wizardUrl } from "@/lib/smart/http";
import { LaunchRefused } from "@/lib/smart/refusal";
import { maySignInByLaunch, openLaunchSession } from "@/lib/smart/session";
import { SESSION_COOKIE_NAME } from "@/lib/auth/current";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const meta = { requestId: requestIdFrom(req.headers), ip: clientIp(req.headers) };
  try {
    await enforceRateLimit("auth", { ip: meta.ip });
    const verified = await completeCallback(db, { url: new URL(req.url), binding: readCookie(req, BINDING_COOKIE) });
    const pending = setCookie(pendingCookie(verified.launchId, verified.binding));
    const launch = (await pendingLaunch(db, `${verified.launchId}.${verified.binding}`))!;
    const userId = await linkedUser(db, verified.connection.id, verified.fhirUser);
    const current = await actorFromHeaders(req.headers);
    const cleared = clearedCookies().map(setCookie);

    if (userId && current?.id === userId && current.sessionId) {
      const done = await finishLaunch(db, { actor: current, ...meta }, launch);
      return redirectWith(wizardUrl(done.caseId, done.status), cleared);
    }
    if (current?.sessionId) await revokeSession(db, current.sessionId); // someone else's session on this browser
    const signedOut = current ? [`${SESSION_COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${env.APP_URL.startsWith("https://") ? "; Secure" : ""}`] : [];
    if (userId && (await maySignInByLaunch(db, userId))) {
      const session = await openLaunchSession(db, userId, meta.ip, meta.requestId);
      const actor = (await resolveSession(db, session.sessionId))!;
      const done = await finishLaunch(db, { actor, ...meta }, launch);
      const sessionCookie = `${session.name}=${session.value}; Path=/; Max-Age=${session.maxAge}; HttpOnly; SameSite=Lax${env.APP_URL.startsWith("https://") ? "; Secure" : ""}`;
      return redirectWith(wizardUrl(done.caseId, done.status), [...cleared, sessionCookie]);
    }
    return redirectWith(`${env.APP_URL}/sign-in?smart=1`, [...signedOut, pending]);
  } catch (err) {
    if (err instanceof LaunchRefused) return refusal(db, err, meta);
    if (err instanceof RateLimitedError) return rateLimitedResponse(err, meta.requestId);
    throw err;
  }
}
