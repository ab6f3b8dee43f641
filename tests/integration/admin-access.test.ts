import { and, eq, gte } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as audit from "@/app/api/v1/audit/route";
import * as auditVerify from "@/app/api/v1/audit/verify/route";
import * as clinics from "@/app/api/v1/clinics/route";
import * as clinic from "@/app/api/v1/clinics/[id]/route";
import * as backlog from "@/app/api/v1/metrics/backlog/route";
import * as quality from "@/app/api/v1/metrics/quality/route";
import * as turnaround from "@/app/api/v1/metrics/turnaround/route";
import * as turnaroundCsv from "@/app/api/v1/metrics/turnaround.csv/route";
import * as sla from "@/app/api/v1/settings/sla/route";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as invite from "@/app/api/v1/users/[id]/invite/route";
import { db } from "@/lib/db/client";
import { auditEvents, clinics as clinicsTable, settings } from "@/lib/db/schema";
import { apiRequest, createTenant, params, sessionCookie } from "../support/factories";

type Handler = (req: Request, seg: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ID = "00000000-0000-4000-8000-000000000000";

const ENDPOINTS: { method: string; path: string; handler: Handler; body?: unknown }[] = [
  { method: "GET", path: "/api/v1/metrics/turnaround", handler: turnaround.GET as Handler },
  { method: "GET", path: "/api/v1/metrics/turnaround.csv", handler: turnaroundCsv.GET as Handler },
  { method: "GET", path: "/api/v1/metrics/backlog", handler: backlog.GET as Handler },
  { method: "GET", path: "/api/v1/metrics/quality", handler: quality.GET as Handler },
  { method: "GET", path: "/api/v1/audit", handler: audit.GET as Handler },
  { method: "POST", path: "/api/v1/audit/verify", handler: auditVerify.POST as Handler },
  { method: "GET", path: "/api/v1/users", handler: users.GET as Handler },
  { method: "POST", path: "/api/v1/users", handler: users.POST as Handler, body: { email: "x@test.example", name: "X", role: "admin" } },
  { method: "GET", path: `/api/v1/users/${ID}`, handler: user.GET as Handler },
  { method: "PATCH", path: `/api/v1/users/${ID}`, handler: user.PATCH as Handler, body: { role: "admin" } },
  { method: "POST", path: `/api/v1/users/${ID}/invite`, handler: invite.POST as Handler },
  { method: "GET", path: "/api/v1/clinics", handler: clinics.GET as Handler },
  { method: "POST", path: "/api/v1/clinics", handler: clinics.POST as Handler, body: { name: "Sneaky clinic" } },
  { method: "GET", path: `/api/v1/clinics/${ID}`, handler: clinic.GET as Handler },
  { method: "PATCH", path: `/api/v1/clinics/${ID}`, handler: clinic.PATCH as Handler, body: { active: false } },
  { method: "GET", path: "/api/v1/settings/sla", handler: sla.GET as Handler },
  { method: "PUT", path: "/api/v1/settings/sla", handler: sla.PUT as Handler, body: { hours: { urgent: 1, soon: 1, routine: 1 }, atRiskFraction: 0.5 } },
];

describe("admin endpoints refuse everyone but administrators", () => {
  it("answers 403 to referrers and specialists on every admin endpoint, audits each denial and changes nothing", async () => {
    const t = await createTenant();
    const started = new Date();
    for (const who of [t.referrer, t.specialist]) {
      const { cookie } = await sessionCookie(who);
      for (const e of ENDPOINTS) {
        const res = await e.handler(apiRequest(e.path, { cookie, method: e.method, json: e.body }), params({ id: ID }));
        expect(res.status, `${who.role} ${e.method} ${e.path}`).toBe(403);
        expect((await res.json()).error.code).toBe("forbidden");
      }
      const denials = await db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.actorId, who.id), eq(auditEvents.outcome, "denied"), gte(auditEvents.at, started)));
      expect(denials).toHaveLength(ENDPOINTS.length);
    }
    expect(await db.select().from(clinicsTable).where(eq(clinicsTable.name, "Sneaky clinic"))).toHaveLength(0);
    expect(await db.select().from(settings).where(eq(settings.key, "sla"))).toHaveLength(0);
  });

  it("answers 401 without a session", async () => {
    for (const e of ENDPOINTS) {
      const res = await e.handler(apiRequest(e.path, { method: e.method, json: e.body }), params({ id: ID }));
      expect(res.status, `${e.method} ${e.path}`).toBe(401);
    }
  });
});
