/**
 * The security headers of every response (SPEC §9): a nonce-based CSP with no inline scripts,
 * HSTS, no framing, nosniff, no referrer, and the camera allowed for this origin only (photo
 * capture). Pure, so the proxy and tests share one definition.
 */
export type SecurityHeaders = Record<"content-security-policy", string> & Record<string, string>;

export function securityHeaders(nonce: string, dev = false): SecurityHeaders {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React style attributes (progress widths, chart layout) need inline styles; scripts never do.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    // The wizard's service worker (app/sw.js): without this, worker-src falls back to script-src,
    // whose 'strict-dynamic' ignores 'self' and would refuse the registration.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "content-security-policy": csp,
    "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(self), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
  };
}

/**
 * The same headers for API responses that bypass the Proxy (the upload routes, see proxy.ts):
 * they carry JSON, never HTML, so the CSP needs no nonce and allows nothing at all.
 */
export function apiSecurityHeaders(): SecurityHeaders {
  return {
    ...securityHeaders("unused"),
    "content-security-policy": "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  };
}

/**
 * Routes that receive large bodies and are therefore kept out of the Proxy's matcher: Next.js
 * buffers a proxied request body in memory and cuts it at `proxyClientMaxBodySize` (10 MB), which
 * would truncate photos under the 25 MB cap. next.config.ts gives these paths the headers above.
 */
export const UPLOAD_ROUTE_SOURCES = ["/api/v1/cases/:id/photos", "/api/v1/uploads", "/api/v1/uploads/:path*"] as const;
