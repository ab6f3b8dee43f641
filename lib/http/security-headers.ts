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
