/**
 * 429s outside the /api/v1 envelope test (rate-limits.test.ts): /fhir/R4 beyond a caller's bucket
 * answers an OperationOutcome with Retry-After and runs nothing (no read, no audit row); a tus
 * upload creation and a SMART launch beyond theirs answer 429 with Retry-After too. The buckets
 * are drained through lib/http/rate-limit.ts itself, so each test makes one real request.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { OperationOutcome } from "fhir/r4";
import { GET as readRoute } from "@/app/fhir/R4/[type]/[id]/route";
import { GET as launchRoute } from "@/app/smart/launch/route";
import { db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { enforceRateLimit, RATE_LIMITS, RateLimitedError, type LimitClass } from "@/lib/http/rate-limit";
import { createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { tus, tusMetadata } from "../support/tus";

let ipSeq = 0;
const freshIp = () => `198.19.${Math.floor(Math.random() * 250)}.${(ipSeq++ % 250) + 1}`;

/** Take tokens until the bucket refuses (bounded: a bucket that never refuses fails the test). */
async function drain(cls: LimitClass, who: { userId?: string; ip: string }, burst: number) {
  for (let i = 0; i < burst * 3; i++) {
    try {
      await enforceRateLimit(cls, who);
    } catch (err) {
      if (err instanceof RateLimitedError) return;
      throw err;
    }
  }
  throw new Error(`${cls} bucket never refused`);
}

describe("429 outside /api/v1", () => {
  it("/fhir/R4 beyond the caller's bucket: 429 OperationOutcome with Retry-After, nothing read or audited", async () => {
    const a = await createTenant();
    const patient = await createPatient(a.clinic.id);
    const { token } = await issueApiToken(db, ctxOf(a.admin), { userId: a.referrer.id, name: "EHR" });
    const ip = freshIp();
    const read = (requestId: string) =>
      readRoute(new Request(`http://localhost:3000/fhir/R4/Patient/${patient.id}`, { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": ip, "x-request-id": requestId } }), params({ type: "Patient", id: patient.id }));
    const before = crypto.randomUUID();
    expect((await read(before)).status).toBe(200);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.requestId, before))).toHaveLength(1);

    await drain("api", { userId: a.referrer.id, ip }, RATE_LIMITS.api.perUser.burst);
    const requestId = crypto.randomUUID();
    const res = await read(requestId);
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as OperationOutcome;
    expect(body.resourceType).toBe("OperationOutcome");
    expect(body.issue[0]!.code).toBe("throttled");
    expect(JSON.stringify(body)).not.toContain(patient.id);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId))).toEqual([]);
  });

  it("a tus upload creation beyond the upload bucket: 429 with Retry-After", async () => {
    const a = await createTenant();
    const { cookie } = await sessionCookie(a.referrer);
    const ip = freshIp();
    await drain("upload", { userId: a.referrer.id, ip }, RATE_LIMITS.upload.perUser.burst);
    const res = await tus("POST", null, {
      cookie,
      headers: { "x-forwarded-for": ip, origin: "http://localhost:3000", "upload-length": "1000", "upload-metadata": tusMetadata({ caseId: crypto.randomUUID(), filename: "a.jpg" }) },
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("a SMART launch beyond the address's auth bucket: 429 with Retry-After, no redirect", async () => {
    const ip = freshIp();
    await drain("auth", { ip }, RATE_LIMITS.auth.perIp.burst);
    const res = await launchRoute(new Request("http://localhost:3000/smart/launch?iss=https%3A%2F%2Fehr.example%2Ffhir&launch=x", { headers: { "x-forwarded-for": ip } }));
    expect(res.status).toBe(429);
    expect(res.headers.get("location")).toBeNull();
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
