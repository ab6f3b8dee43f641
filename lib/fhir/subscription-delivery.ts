/**
 * Delivering one notification of a rest-hook Subscription (worker side): re-read the resource as
 * it is now (so retries and duplicates send the current state — idempotent for the receiver's
 * PUT), then `PUT {endpoint}/{type}/{id}` with the channel's headers. A failure throws, so BullMQ
 * retries with backoff; the last failed attempt sets the Subscription to `error` with the reason.
 */
import type { DiagnosticReport, Task } from "fhir/r4";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { fhirSubscriptions } from "../db/schema";
import { renderCaseLetter } from "../letters/reply-letter";
import { logger } from "../log";
import type { JobPayload } from "../queue/queues";
import { FHIR_JSON } from "./http";
import { loadCaseGraphs } from "./graph";
import { toTask } from "./map/case";
import { toDiagnosticReport } from "./map/report";
import { openHeader, type SealedHeader } from "./subscription-headers";
import { endpointAllowed } from "./subscriptions";

export const DELIVERY_TIMEOUT_MS = 10_000;

type Payload = JobPayload<"fhir", "notify">;

async function currentResource(db: Db, p: Payload): Promise<Task | DiagnosticReport | null> {
  const [g] = await loadCaseGraphs(db, [p.resourceId]);
  if (!g) return null;
  if (p.resourceType === "Task") return toTask(g);
  return g.consultation ? toDiagnosticReport(g, await renderCaseLetter(db, g.case.id)) : null;
}

function headersOf(sealed: SealedHeader[]): Headers {
  const h = new Headers({ "content-type": FHIR_JSON, accept: "application/fhir+json" });
  for (const s of sealed) h.set(s.name, openHeader(s));
  return h;
}

/** Send one notification; `final` marks the last attempt BullMQ will make. */
export async function deliverToSubscription(db: Db, p: Payload, opts: { final: boolean }): Promise<"sent" | "skipped"> {
  const [sub] = await db.select().from(fhirSubscriptions).where(eq(fhirSubscriptions.id, p.subscriptionId));
  if (!sub || sub.status !== "active") return "skipped";
  const resource = await currentResource(db, p);
  if (!resource) return "skipped";
  let failure: string | null = null;
  if (!endpointAllowed(sub.endpoint)) failure = "The endpoint's origin is no longer allowed";
  else {
    const url = `${sub.endpoint.replace(/\/+$/, "")}/${p.resourceType}/${p.resourceId}`;
    try {
      const res = await fetch(url, {
        method: "PUT",
        headers: headersOf(sub.headers),
        body: JSON.stringify(resource),
        redirect: "manual",
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) failure = `The endpoint answered HTTP ${res.status}`;
    } catch (err) {
      failure = err instanceof Error && err.name === "TimeoutError" ? "The endpoint did not answer in time" : "The endpoint could not be reached";
    }
  }
  if (failure === null) {
    await db.update(fhirSubscriptions).set({ failures: 0, error: null }).where(eq(fhirSubscriptions.id, sub.id));
    return "sent";
  }
  await db
    .update(fhirSubscriptions)
    .set({ failures: sql`${fhirSubscriptions.failures} + 1`, error: failure, ...(opts.final ? { status: "error", updatedAt: new Date() } : {}) })
    .where(eq(fhirSubscriptions.id, sub.id));
  logger.warn({ subscriptionId: sub.id, final: opts.final }, "FHIR subscription delivery failed");
  throw new Error(failure);
}
