/** SMART Backend Services token endpoint (SPEC §13): client_credentials + private_key_jwt. */
import { db } from "@/lib/db/client";
import { readTextCapped } from "@/lib/http/body";
import { isDomainError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { clientIp, requestIdFrom } from "@/lib/http/request-info";
import { enforceTokenRateLimit, RateLimitedError, rateLimitedResponse } from "@/lib/http/rate-limit";
import { issueBackendToken, OAuthError } from "@/lib/smart/backend-token";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };
const oauthError = (e: OAuthError) => Response.json({ error: e.error, error_description: e.description }, { status: e.status, headers: NO_STORE });

export async function POST(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  try {
    await enforceTokenRateLimit(null, clientIp(req.headers));
    if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      throw new OAuthError("invalid_request", "Send the token request as application/x-www-form-urlencoded");
    }
    const body = await readTextCapped(req, 16 * 1024);
    const token = await issueBackendToken(db, new URLSearchParams(body));
    logger.info({ requestId, path: "/oauth/token", status: 200 }, "backend token issued");
    return Response.json(token, { headers: NO_STORE });
  } catch (err) {
    if (err instanceof OAuthError) return oauthError(err);
    if (err instanceof RateLimitedError) return rateLimitedResponse(err, requestId);
    if (isDomainError(err)) return oauthError(new OAuthError("invalid_request", err.message));
    logger.error({ requestId, err }, "token endpoint failed");
    return Response.json({ error: "server_error" }, { status: 500, headers: NO_STORE });
  }
}
