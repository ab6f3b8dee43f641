/**
 * SPEC §8/§9 OpenAPI 3.1: every /api/v1 route file and exported method has a registry row (and no
 * row lacks a route), the document is served at /api/openapi.json with security schemes and the
 * error envelope, /api/docs renders it without scripts, and the suite-wide response check
 * (tests/integration/setup.ts) rejects a response that does not match.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as docsRoute } from "@/app/api/docs/route";
import { GET as openapiRoute } from "@/app/api/openapi.json/route";
import { GET as me } from "@/app/api/v1/me/route";
import { OPERATIONS } from "@/lib/http/openapi/registry";
import { apiRequest, createUser, params, sessionCookie } from "../support/factories";
import { checkApiResponse } from "../support/openapi-check";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** `METHOD /api/v1/…{id}` for every handler exported by a route file under app/api/v1. */
function routeOperations(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeOperations(full);
    if (e.name !== "route.ts") return [];
    const url = `/api/v1/${path.relative(API_DIR, path.dirname(full))}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\/$/, "");
    const methods = [...readFileSync(full, "utf8").matchAll(/export const (GET|POST|PATCH|PUT|DELETE|HEAD|OPTIONS)\b/g)].map((m) => m[1]);
    return methods.map((m) => `${m} ${url}`);
  });
}

describe("the OpenAPI document", () => {
  it("has exactly one registry row for every /api/v1 route and method", () => {
    const routes = routeOperations().sort();
    const registered = OPERATIONS.map((o) => `${o.method} ${o.path}`).sort();
    expect(routes.length).toBeGreaterThan(40);
    expect(registered).toEqual([...new Set(registered)]);
    expect(routes.filter((r) => !registered.includes(r))).toEqual([]); // a route without a row
    expect(registered.filter((r) => !routes.includes(r))).toEqual([]); // a row without a route
  });

  it("is served as OpenAPI 3.1 with security schemes, roles and the error envelope on every operation", async () => {
    const res = await openapiRoute(apiRequest("/api/openapi.json"), params({}));
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearerToken", "sessionCookie"]);
    expect(doc.components.schemas.Error.properties.error.required).toEqual(expect.arrayContaining(["code", "message"]));
    for (const op of OPERATIONS) {
      const o = doc.paths[op.path][op.method.toLowerCase()];
      expect(o["x-roles"]).toEqual(op.roles);
      expect(o.responses["401"]).toEqual({ $ref: "#/components/responses/Error" });
      expect(o.responses["429"]).toEqual({ $ref: "#/components/responses/Error" });
    }
    // The body schemas are the services' own: a consultation needs its diagnosis and plan.
    const consult = doc.paths["/api/v1/cases/{id}/consultation"].post.requestBody.content["application/json"].schema;
    expect(consult.required).toEqual(expect.arrayContaining(["diagnosis", "plan", "disposition"]));
  });

  it("renders a self-contained reference at /api/docs (every path, no scripts)", async () => {
    const res = await docsRoute(apiRequest("/api/docs"), params({}));
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/i);
    for (const op of OPERATIONS) expect(html).toContain(`<code>${op.path}</code>`);
  });

  it("the suite's response check accepts a conforming response and rejects one that does not match", async () => {
    const stats = globalThis as unknown as { dermrelayCheckedResponses?: number };
    const before = stats.dermrelayCheckedResponses ?? 0;
    const { cookie } = await sessionCookie(await createUser("specialist"));
    const res = await me(apiRequest("/api/v1/me", { cookie }), params({}));
    expect(stats.dermrelayCheckedResponses).toBe(before + 1); // the hook saw it
    const body = await res.json();
    const type = res.headers.get("content-type");
    expect(checkApiResponse("GET", "/api/v1/me", 200, type, JSON.stringify(body))).toEqual([]);
    expect(checkApiResponse("GET", "/api/v1/me", 200, type, JSON.stringify({ ...body, role: "pirate" }))).toEqual([
      expect.stringMatching(/GET \/api\/v1\/me → 200: \/role must be equal to one of the allowed values/),
    ]);
    expect(checkApiResponse("GET", "/api/v1/me", 200, type, JSON.stringify({ ...body, id: "not-a-uuid" }))[0]).toMatch(/\/id must match (format "uuid"|pattern)/);
    expect(checkApiResponse("GET", "/api/v1/me", 418, type, "{}")).toEqual(["GET /api/v1/me → 418: status not documented"]);
    expect(checkApiResponse("GET", "/api/v1/nowhere", 200, type, "{}")).toEqual(["GET /api/v1/nowhere → 200: no such path in the OpenAPI document"]);
    expect(checkApiResponse("GET", "/api/v1/me", 401, type, JSON.stringify({ error: { message: "x" } }))[0]).toMatch(/must have required property 'code'/);
  });

  it("documents the SMART, DICOM, measurement and equity answers field by field, and the bodies PUT /settings/pacs and POST /photos/{id}/measurements take", async () => {
    const res = await openapiRoute(apiRequest("/api/openapi.json"), params({}));
    const doc = await res.json();
    type S = { properties?: Record<string, S>; items?: S; required?: string[] };
    const fieldsOf = (path: string, method: string, status: string): string[] => {
      let schema = doc.paths[path][method].responses[status].content["application/json"].schema as S;
      if (schema.properties?.items?.items) schema = schema.properties.items.items; // an { items: [...] } list
      return Object.keys(schema.properties ?? {});
    };
    const expected: [string, string, string, string[]][] = [
      ["/api/v1/photos/{id}", "get", "200", ["scale", "measurement", "lesionId"]],
      ["/api/v1/ehr-connections", "get", "200", ["iss", "clientId", "hasClientSecret", "clinicId"]],
      ["/api/v1/ehr-connections", "post", "201", ["iss", "hasClientSecret"]],
      ["/api/v1/ehr-connections/{id}", "get", "200", ["iss", "hasClientSecret"]],
      ["/api/v1/ehr-connections/{id}", "patch", "200", ["iss", "hasClientSecret"]],
      ["/api/v1/fhir-clients", "get", "200", ["clientId", "keyIds", "scopes"]],
      ["/api/v1/fhir-clients", "post", "201", ["clientId", "keyIds"]],
      ["/api/v1/fhir-clients/{id}", "patch", "200", ["clientId", "keyIds"]],
      ["/api/v1/cases/{id}/pacs-sends", "get", "200", ["status", "trigger", "attempts", "response"]],
      ["/api/v1/cases/{id}/pacs-sends", "post", "202", ["id"]],
      ["/api/v1/photos/{id}/measurements", "get", "200", ["kind", "points", "lengthMm", "areaMm2"]],
      ["/api/v1/photos/{id}/measurements", "post", "201", ["kind", "points", "lengthMm"]],
      ["/api/v1/metrics/equity", "get", "200", ["from", "to", "rows"]],
      ["/api/v1/settings/pacs", "get", "200", ["stowUrl", "sendOn", "headers"]],
      ["/api/v1/settings/pacs", "put", "200", ["stowUrl", "sendOn", "headers"]],
    ];
    for (const [path, method, status, fields] of expected) expect(fieldsOf(path, method, status), `${method} ${path}`).toEqual(expect.arrayContaining(fields));
    expect(doc.paths["/api/v1/settings/pacs"].put.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["stowUrl", "sendOn"]));
    expect(doc.paths["/api/v1/photos/{id}/measurements"].post.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["kind", "points"]));

    // The check now bites on those fields: a scale without its millimetres per pixel is refused.
    const photo = { id: "00000000-0000-4000-8000-000000000001", caseId: "00000000-0000-4000-8000-000000000002", view: "closeup", bodySite: "39937001", status: "ready", rejectReason: null, width: 10, height: 10, quality: null, scale: null, measurement: null, lesionId: null, createdAt: "2026-12-01T00:00:00Z" };
    const json = "application/json";
    expect(checkApiResponse("GET", "/api/v1/photos/x", 200, json, JSON.stringify(photo))).toEqual([]);
    expect(checkApiResponse("GET", "/api/v1/photos/x", 200, json, JSON.stringify({ ...photo, scale: { markerId: 1 } })).join("\n")).toMatch(/\/scale must have required property 'mmPerPixel'/);
    expect(checkApiResponse("GET", "/api/v1/settings/pacs", 200, json, JSON.stringify({ stowUrl: null, sendOn: "sometimes", headers: {} }))[0]).toMatch(/\/sendOn must be equal to one of the allowed values/);
  });
});
