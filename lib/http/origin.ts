/**
 * Cross-site request refusal for cookie-authenticated state changes: a browser always sends
 * `Origin` on a cross-site POST/PUT/PATCH/DELETE, so a mismatch is refused. Requests without
 * `Origin` (non-browser clients) pass; bearer-token requests carry no ambient credentials.
 */
import { env } from "../env";
import { Forbidden } from "../errors";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const appOrigin = new URL(env.APP_URL).origin;

/** Throw 403 when a state-changing cookie request comes from another origin. */
export function assertSameOrigin(req: Request): void {
  if (SAFE.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (origin === null) {
    if (req.headers.get("sec-fetch-site") === "cross-site") throw Forbidden("Cross-site requests are not accepted");
    return;
  }
  if (origin !== appOrigin && origin !== new URL(req.url).origin) throw Forbidden("Cross-site requests are not accepted");
}
