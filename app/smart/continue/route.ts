/** SMART App Launch step three: after the DermRelay sign-in, link the EHR user and open the wizard. */
import { db } from "@/lib/db/client";
import { actorFromHeaders } from "@/lib/auth/current";
import { clientIp, requestIdFrom } from "@/lib/http/request-info";
import { enforceRateLimit, RateLimitedError, rateLimitedResponse } from "@/lib/http/rate-limit";
import { finishLaunch, PENDING_COOKIE, pendingLaunch } from "@/lib/smart/continue";
import { clearedCookies, readCookie, redirectWith, refusal, setCookie, wizardUrl } from "@/lib/smart/http";
import { LaunchRefused } from "@/lib/smart/refusal";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const meta = { requestId: requestIdFrom(req.headers), ip: clientIp(req.headers) };
  try {
    await enforceRateLimit("auth", { ip: meta.ip });
    const launch = await pendingLaunch(db, readCookie(req, PENDING_COOKIE));
    if (!launch) throw new LaunchRefused("expired");
    const actor = await actorFromHeaders(req.headers);
    if (!actor?.sessionId) return redirectWith(`${env.APP_URL}/sign-in?smart=1`);
    if (actor.mfaSetupRequired) throw new LaunchRefused("not_a_referrer");
    const done = await finishLaunch(db, { actor, ...meta }, launch);
    return redirectWith(wizardUrl(done.caseId, done.status), clearedCookies().map(setCookie));
  } catch (err) {
    if (err instanceof LaunchRefused) return refusal(db, err, meta);
    if (err instanceof RateLimitedError) return rateLimitedResponse(err, meta.requestId);
    throw err;
  }
}
