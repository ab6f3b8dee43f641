/**
 * EHR connections (SPEC §13): admins register them; the client secret is sealed at rest and never
 * returned; bad input is a 422 and a second connection on the same FHIR base a 409.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ehrConnections } from "@/lib/db/schema";
import { clientSecretOf, connectionById } from "@/lib/smart/connections";
import * as list from "@/app/api/v1/ehr-connections/route";
import * as one from "@/app/api/v1/ehr-connections/[id]/route";
import { apiRequest, createTenant, params, sessionCookie } from "../support/factories";

describe("EHR connections", () => {
  it("creates, lists and edits a connection without ever returning the secret", async () => {
    const { clinic, admin } = await createTenant();
    const { cookie } = await sessionCookie(admin);
    const iss = `https://ehr-${clinic.id.slice(0, 8)}.example/fhir/`;
    const res = await list.POST(apiRequest("/api/v1/ehr-connections", { cookie, json: { name: "Test EHR", iss, clientId: "dermrelay", clientSecret: "s3cret-value", clinicId: clinic.id } }), params({}));
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ iss: iss.replace(/\/$/, ""), clientId: "dermrelay", hasClientSecret: true, clinicId: clinic.id });
    expect(created.scopes).toContain("patient/DocumentReference.c");
    expect(JSON.stringify(created)).not.toContain("s3cret-value");

    const [row] = await db.select().from(ehrConnections).where(eq(ehrConnections.id, created.id));
    expect(row!.clientSecret!.toString("latin1")).not.toContain("s3cret-value");
    expect(clientSecretOf(row!)).toBe("s3cret-value");

    const listed = await (await list.GET(apiRequest("/api/v1/ehr-connections", { cookie }), params({}))).json();
    expect(JSON.stringify(listed)).not.toContain("s3cret-value");
    expect(listed.items.some((c: { id: string }) => c.id === created.id)).toBe(true);

    const patched = await one.PATCH(apiRequest(`/api/v1/ehr-connections/${created.id}`, { cookie, method: "PATCH", json: { name: "Renamed EHR", clientSecret: null } }), params({ id: created.id }));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "Renamed EHR", hasClientSecret: false });
    expect((await connectionById(db, created.id))!.clientSecret).toBeNull();

    const dup = await list.POST(apiRequest("/api/v1/ehr-connections", { cookie, json: { name: "Again", iss, clientId: "x", clinicId: clinic.id } }), params({}));
    expect(dup.status).toBe(409);
  });

  it("refuses a plain-http base that is not loopback, a scope list without openid, and unknown fields", async () => {
    const { clinic, admin } = await createTenant();
    const { cookie } = await sessionCookie(admin);
    const bad = await list.POST(apiRequest("/api/v1/ehr-connections", { cookie, json: { name: "Bad", iss: "http://ehr.example/fhir", clientId: "x", clinicId: clinic.id, scopes: "launch patient/Patient.r", extra: 1 } }), params({}));
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(["iss", "scopes"]));
  });
});
