import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DELETE as revokeRoute } from "@/app/api/v1/tokens/[id]/route";
import { GET as listRoute, POST as issueRoute } from "@/app/api/v1/tokens/route";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as createPatientRoute } from "@/app/api/v1/patients/route";
import { db } from "@/lib/db/client";
import { apiTokens, users } from "@/lib/db/schema";
import { apiRequest, createClinic, createUser, params, sessionCookie } from "../support/factories";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("integration API tokens", () => {
  it("an admin issues a token bound to a user; it is shown once, stored hashed, works as Bearer, and revokes at once", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const referrer = await createUser("referrer", (await createClinic()).id);
    const res = await issueRoute(apiRequest("/api/v1/tokens", { cookie, json: { userId: referrer.id, name: "EHR bridge", expiresInDays: 30 } }), params({}));
    expect(res.status).toBe(201);
    const issued = await res.json();
    expect(issued.token).toMatch(/^drt_[A-Za-z0-9_-]{40,}$/);
    const [stored] = await db.select().from(apiTokens).where(eq(apiTokens.id, issued.id));
    expect(stored!.tokenHash).not.toContain(issued.token);
    expect(JSON.stringify(await (await listRoute(apiRequest("/api/v1/tokens", { cookie }), params({}))).json())).not.toContain(issued.token.slice(10));

    const who = await me(apiRequest("/api/v1/me", { headers: bearer(issued.token) }), params({}));
    expect(await who.json()).toMatchObject({ id: referrer.id, role: "referrer" });
    // A token carries no ambient credential: no origin check applies, role rules still do.
    const created = await createPatientRoute(
      apiRequest("/api/v1/patients", { headers: { ...bearer(issued.token), origin: "https://ehr.example" }, json: { mrn: "T-1", givenName: "A", familyName: "B", birthDate: "2000-01-01", sex: "male" } }),
      params({}),
    );
    expect(created.status).toBe(201);
    const [after] = await db.select().from(apiTokens).where(eq(apiTokens.id, issued.id));
    expect(after!.lastUsedAt).not.toBeNull();

    expect((await revokeRoute(apiRequest(`/api/v1/tokens/${issued.id}`, { cookie, method: "DELETE" }), params({ id: issued.id }))).status).toBe(204);
    expect((await me(apiRequest("/api/v1/me", { headers: bearer(issued.token) }), params({}))).status).toBe(401);
  });

  it("refuses expired tokens, tokens of deactivated users, garbage, and non-admin issuers", async () => {
    const admin = await createUser("admin");
    const { cookie } = await sessionCookie(admin);
    const user = await createUser("specialist");
    const issued = await (await issueRoute(apiRequest("/api/v1/tokens", { cookie, json: { userId: user.id, name: "x" } }), params({}))).json();
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect((await me(apiRequest("/api/v1/me", { headers: bearer(issued.token) }), params({}))).status).toBe(401);
    await db.update(users).set({ active: true }).where(eq(users.id, user.id));
    await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, issued.id));
    expect((await me(apiRequest("/api/v1/me", { headers: bearer(issued.token) }), params({}))).status).toBe(401);
    for (const garbage of ["drt_nope", "Basic abc", "Bearer", "x".repeat(5000)]) {
      const res = await me(apiRequest("/api/v1/me", { headers: { authorization: garbage } }), params({}));
      expect(res.status).toBe(401);
    }
    const specialistCookie = (await sessionCookie(user)).cookie;
    expect((await issueRoute(apiRequest("/api/v1/tokens", { cookie: specialistCookie, json: { userId: user.id, name: "x" } }), params({}))).status).toBe(403);
  });
});
