import { checkHealth } from "@/lib/health";
import { json } from "@/lib/http/respond";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  const health = await checkHealth();
  return json(health, health.status === "ok" ? 200 : 503);
});
