/** The public health check: database, Redis and the outbox backlog (503 when any is unwell). */
import { z } from "zod";
import { checkHealth } from "../health";
import { defineEndpoint } from "../http/endpoint";

export const healthEndpoint = defineEndpoint({ name: "health", roles: "public", input: z.undefined(), run: () => checkHealth() });
