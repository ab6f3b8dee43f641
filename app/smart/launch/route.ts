/** SMART App Launch step one (SPEC §13): EHR launch with `iss` and `launch`, standalone with `iss` only. */
import { db } from "@/lib/db/client";
import { clientIp, requestIdFrom } from "@/lib/http/request-info";
import { enforceRateLimit, RateLimitedError, rateLimitedResponse } from "@/lib/http/rate-limit";
import { beginLaunch } from "@/lib/smart/launch";
import { bindingCookie, redirectWith, refusal, setCookie } from "@/lib/smart/http";
import { LaunchRefused } from "@/lib/smart/refusal";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const meta = { requestId: requestIdFrom(req.headers), ip: clientIp(req.headers) };
  const q = new URL(req.url).searchParams;
  try {
    await enforceRateLimit("auth", { ip: meta.ip });
    const { location, binding } = await beginLaunch(db, { iss: q.get("iss"), launch: q.get("launch") });
    return redirectWith(location, [setCookie(bindingCookie(binding))]);
  } catch (err) {
    if (err instanceof LaunchRefused) return refusal(db, err, meta);
    if (err instanceof RateLimitedError) return rateLimitedResponse(err, meta.requestId);
    throw err;
  }
}
