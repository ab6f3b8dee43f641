/**
 * Next.js Proxy (the successor of middleware): per-request CSP nonce and the security headers on
 * every response. It only decorates; it never authorizes — every route and service checks the
 * session and policies itself, so a forged `x-middleware-subrequest` header changes nothing.
 *
 * The upload routes (`/api/v1/cases/{id}/photos`, `/api/v1/uploads…`) are not matched: Next.js
 * buffers the body of every proxied request in memory and cuts it at `proxyClientMaxBodySize`
 * (10 MB), which broke photos between 10 and 25 MB. Unproxied, they stream straight into the route
 * handler (busboy / tus, each with the 25 MB cap enforced while reading), and next.config.ts gives
 * them the security headers (UPLOAD_ROUTE_SOURCES in lib/http/security-headers.ts). Raising the
 * buffer limit instead would hold up to 25 MB per in-flight upload in the web process twice over.
 */
import { NextResponse, type NextRequest } from "next/server";
import { securityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const headers = securityHeaders(nonce, process.env.NODE_ENV !== "production");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

export const config = {
  // Literal (Next reads it at build time): keep in step with UPLOAD_ROUTE_SOURCES.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/v1/uploads(?:/|$)|api/v1/cases/[^/]+/photos$).*)" }],
};
