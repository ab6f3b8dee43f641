/**
 * SMART Backend Services (SPEC §13): a registered client's private_key_jwt assertion gets a
 * short-lived token with the granted system scopes; an expired, replayed, wrong-audience, too
 * long-lived or wrongly signed assertion gets 401; the token resolves on /fhir/R4 to the client's
 * service user and its scopes, and a token without system/Task.rs is refused Task search (403).
 */
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { fhirAuthFromHeaders, requireScope } from "@/lib/fhir/auth";
import { smartConfiguration } from "@/lib/fhir/capability";
import * as tokenRoute from "@/app/oauth/token/route";
import * as clientsRoute from "@/app/api/v1/fhir-clients/route";
import * as fhirSearchRoute from "@/app/fhir/R4/[type]/route";
import { apiRequest, createTenant, params, sessionCookie } from "../support/factories";
import { clientAssertion as assertion, registeredClient as registered, tokenRequest as token } from "../support/smart-backend";

describe("SMART Backend Services", () => {
  it("issues a five-minute token with the granted scopes for a valid RS384 assertion, and /fhir/R4 sees its scopes", async () => {
    const { t, client, keys, alg } = await registered("system/Task.rs system/ServiceRequest.crs");
    const res = await token(await assertion(client.clientId, keys.privateKey, alg), "system/Task.rs system/Patient.rs");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ token_type: "bearer", scope: "system/Task.rs" });
    expect(body.expires_in).toBeLessThanOrEqual(300);
    const auth = await fhirAuthFromHeaders(new Headers({ authorization: `Bearer ${body.access_token}` }));
    expect(auth).toMatchObject({ actor: { role: "referrer", clinicId: t.clinic.id }, scopes: ["system/Task.rs"] });
    expect(() => requireScope(auth!.scopes, "Task", "s")).not.toThrow();
    expect(await fhirAuthFromHeaders(new Headers({ authorization: "Bearer not-a-token" }))).toBeNull();
  });

  it("accepts ES384 too", async () => {
    const { client, keys, alg } = await registered("system/Task.rs", "ES384");
    expect((await token(await assertion(client.clientId, keys.privateKey, alg))).status).toBe(200);
  });

  it("a token without system/Task.rs is refused Task search (403)", async () => {
    const { client, keys, alg } = await registered("system/ServiceRequest.crs");
    const body = await (await token(await assertion(client.clientId, keys.privateKey, alg), "system/ServiceRequest.crs")).json();
    const auth = await fhirAuthFromHeaders(new Headers({ authorization: `Bearer ${body.access_token}` }));
    expect(() => requireScope(auth!.scopes, "Task", "s")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => requireScope(auth!.scopes, "ServiceRequest", "c")).not.toThrow();
  });

  it("on the real /fhir/R4 route: Task search answers 403 without system/Task.rs and 200 with it; no token → 401", async () => {
    const search = (bearer?: string) =>
      fhirSearchRoute.GET(new Request("http://localhost:3000/fhir/R4/Task?status=requested", { headers: bearer ? { authorization: `Bearer ${bearer}`, accept: "application/fhir+json" } : {} }), params({ type: "Task" }));
    const without = await registered("system/ServiceRequest.crs");
    const t1 = (await (await token(await assertion(without.client.clientId, without.keys.privateKey, without.alg), "system/ServiceRequest.crs")).json()).access_token;
    const refused = await search(t1);
    expect(refused.status).toBe(403);
    expect((await refused.json()).resourceType).toBe("OperationOutcome");
    const withTask = await registered("system/Task.rs");
    const t2 = (await (await token(await assertion(withTask.client.clientId, withTask.keys.privateKey, withTask.alg), "system/Task.rs")).json()).access_token;
    const allowed = await search(t2);
    expect(allowed.status).toBe(200);
    expect((await allowed.json()).resourceType).toBe("Bundle");
    expect((await search("expired-or-unknown")).status).toBe(401);
  });

  it("refuses expired, replayed, wrong-audience, too long-lived and wrongly signed assertions with 401", async () => {
    const { client, keys, alg } = await registered("system/Task.rs");
    const other = await generateKeyPair("RS384");
    const cases = [
      await assertion(client.clientId, keys.privateKey, alg, { expIn: -120 }),
      await assertion(client.clientId, keys.privateKey, alg, { aud: "http://localhost:3000/other" }),
      await assertion(client.clientId, keys.privateKey, alg, { expIn: 900 }),
      await assertion(client.clientId, other.privateKey, "RS384"),
      await assertion(randomUUID(), keys.privateKey, alg),
    ];
    for (const jwt of cases) {
      const res = await token(jwt);
      expect(res.status).toBe(401);
      expect((await res.json()).error).toBe("invalid_client");
    }
    const once = await assertion(client.clientId, keys.privateKey, alg);
    expect((await token(once)).status).toBe(200);
    expect((await token(once)).status).toBe(401); // replayed jti
  });

  it("grants the registered subset of what is asked, with SMART 2.x semantics (v2 letters, v1 read, wildcards)", async () => {
    const { client, keys, alg } = await registered("system/Task.rs system/Media.rs");
    const granted = async (scope: string) => {
      const res = await token(await assertion(client.clientId, keys.privateKey, alg), scope);
      expect(res.status, scope).toBe(200);
      const body = await res.json();
      const auth = await fhirAuthFromHeaders(new Headers({ authorization: `Bearer ${body.access_token}` }));
      return { scope: body.scope as string, scopes: auth!.scopes! };
    };
    expect((await granted("system/Task.r")).scope).toBe("system/Task.r");
    const v1 = await granted("system/Task.read");
    expect(v1.scope).toBe("system/Task.read");
    expect(() => requireScope(v1.scopes, "Task", "s")).not.toThrow();
    expect((await granted("system/Task.cruds")).scope).toBe("system/Task.rs");
    expect((await granted("system/*.rs")).scope).toBe("system/Task.rs system/Media.rs");
    const narrowed = await granted("system/Task.r system/Patient.rs user/Task.rs");
    expect(narrowed.scope).toBe("system/Task.r");
    expect(() => requireScope(narrowed.scopes, "Task", "s")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect((await token(await assertion(client.clientId, keys.privateKey, alg), "system/Task.c system/Patient.read")).status).toBe(400);
  });

  it("answers 400 for another grant type or a scope the client does not hold", async () => {
    const { client, keys, alg } = await registered("system/Task.rs");
    expect((await token(await assertion(client.clientId, keys.privateKey, alg), "system/Patient.rs")).status).toBe(400);
    const res = await tokenRoute.POST(new Request("http://localhost:3000/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=password" }));
    expect(res.status).toBe(400);
  });

  it("registration refuses private key material, a jwksUrl outside the allow-list, and non-system scopes", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.admin);
    const keys = await generateKeyPair("RS384", { extractable: true });
    const priv = await exportJWK(keys.privateKey);
    const post = (json: unknown) => clientsRoute.POST(apiRequest("/api/v1/fhir-clients", { cookie, json }), params({}));
    expect((await post({ name: "Leaky", clinicId: t.clinic.id, jwks: { keys: [priv] }, scopes: "system/Task.rs" })).status).toBe(422);
    const ssrf = await post({ name: "SSRF", clinicId: t.clinic.id, jwksUrl: "http://169.254.169.254/latest/meta-data", scopes: "system/Task.rs" });
    expect(ssrf.status).toBe(422);
    expect((await ssrf.json()).error.fields).toHaveProperty("jwksUrl");
    expect((await post({ name: "User scopes", clinicId: t.clinic.id, jwks: { keys: [await exportJWK(keys.publicKey)] }, scopes: "user/Task.rs" })).status).toBe(422);
    const ok = await post({ name: "Good", clinicId: t.clinic.id, jwks: { keys: [{ ...(await exportJWK(keys.publicKey)), kid: "a" }] }, scopes: "system/Task.rs" });
    expect(ok.status).toBe(201);
    expect(JSON.stringify(await ok.json())).not.toContain('"n"');
  });

  it("the smart-configuration names the token endpoint and what it supports", () => {
    const c = smartConfiguration();
    expect(c.token_endpoint).toBe("http://localhost:3000/oauth/token");
    expect(c.token_endpoint_auth_signing_alg_values_supported).toEqual(["RS384", "ES384"]);
    expect(c.grant_types_supported).toEqual(["client_credentials"]);
  });
});
