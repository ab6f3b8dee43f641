import { healthEndpoint } from "@/lib/endpoints/health";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(healthEndpoint, { respond: (health) => json(health, health.status === "ok" ? 200 : 503) });
