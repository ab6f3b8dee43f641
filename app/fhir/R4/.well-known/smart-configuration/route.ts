/** SMART configuration of DermRelay's FHIR server (anyone may read it). */
import { smartConfiguration } from "@/lib/smart/configuration";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(smartConfiguration(), { headers: { "cache-control": "public, max-age=300" } });
}
