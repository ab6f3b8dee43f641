/**
 * The wizard's service worker script (components/offline/service-worker-source.ts). Rendered once
 * at build time (force-static), so VERSION — and with it the cache name — changes with every
 * build and stays fixed while that build serves. `no-cache` makes the browser revalidate the
 * script on every registration check, so a new build takes over on the next visit.
 */
import { serviceWorkerSource } from "@/components/offline/service-worker-source";

export const dynamic = "force-static";

const VERSION = `${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;

export function GET() {
  return new Response(serviceWorkerSource(VERSION), {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" },
  });
}
