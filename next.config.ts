import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["sharp", "pg", "bullmq", "ioredis", "argon2", "pino", "busboy", "@aws-sdk/client-s3"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
