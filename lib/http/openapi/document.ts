/**
 * The OpenAPI 3.1 document of /api/v1 (SPEC §8, §9), generated from the operation registry and
 * the zod schemas it names (zod 4's JSON Schema output, draft 2020-12 — the dialect OpenAPI 3.1
 * uses). Served at /api/openapi.json and rendered at /api/docs; the integration suite validates
 * every /api/v1 response it sees against it.
 */
import { z } from "zod";
import { SESSION_COOKIE_NAME } from "../../auth/current";
import { OPERATIONS, type Operation } from "./registry";
import { errorEnvelope } from "./responses";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  delete out.$schema;
  return out;
}

const ERROR_REF = { $ref: "#/components/responses/Error" };

/** SPEC §8's error statuses: any operation may answer any of them (a bad query is 422 on a GET too). */
const ERROR_STATUSES = ["400", "401", "403", "404", "409", "413", "415", "422", "429", "503"];

function errorResponses(): Record<string, unknown> {
  return Object.fromEntries(ERROR_STATUSES.map((c) => [c, ERROR_REF]));
}

function parameters(op: Operation): unknown[] {
  const params: unknown[] = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string", format: "uuid" },
  }));
  for (const [name, description] of Object.entries(op.headers ?? {})) params.push({ name, in: "header", required: true, description, schema: { type: "string" } });
  if (op.query) {
    const q = jsonSchema(op.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      params.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema });
    }
  }
  return params;
}

function requestBody(op: Operation): unknown {
  if (op.rawBody) return { required: true, content: { [op.rawBody]: { schema: { type: "string", contentMediaType: op.rawBody } } } };
  if (!op.input) return undefined;
  const schema = jsonSchema(op.input, "input");
  if (op.multipart) {
    const s = schema as { properties?: Record<string, unknown>; required?: string[] };
    return {
      required: true,
      content: {
        "multipart/form-data": {
          schema: { ...s, properties: { file: { type: "string", contentMediaType: "image/jpeg" }, ...s.properties }, required: ["file", ...(s.required ?? [])] },
        },
      },
    };
  }
  return { required: true, content: { "application/json": { schema } } };
}

function success(op: Operation): Record<string, unknown> {
  const status = String(op.status ?? (op.output === null ? 204 : 200));
  const out: Record<string, unknown> = {};
  if (op.output === null) out[status] = { description: "No content" };
  else if (typeof op.output === "string") {
    out[status] = { description: "Bytes", content: { [op.output]: { schema: { type: "string" } } } };
  } else {
    const content: Record<string, unknown> = { "application/json": { schema: op.output ? jsonSchema(op.output, "output") : {} } };
    if (op.csv) content["text/csv"] = { schema: { type: "string" } };
    out[status] = { description: "Success", content };
  }
  if (op.path === "/api/v1/queue/claim-next") out["204"] = { description: "The queue is empty" };
  for (const [status, extra] of Object.entries(op.responses ?? {})) {
    out[status] = extra.output
      ? { description: extra.description, content: { "application/json": { schema: jsonSchema(extra.output, "output") } } }
      : Number(status) >= 400
        ? { description: extra.description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }
        : { description: extra.description };
  }
  return out;
}

function operation(op: Operation): unknown {
  return {
    operationId: `${op.method.toLowerCase()}${op.path.replace(/^\/api\/v1/, "").replace(/[{}]/g, "").replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: op.summary,
    tags: [op.path.split("/")[3]],
    "x-roles": op.roles,
    security: op.roles === "public" ? [] : [{ sessionCookie: [] }, { bearerToken: [] }],
    parameters: parameters(op),
    ...(op.input || op.rawBody ? { requestBody: requestBody(op) } : {}),
    responses: { ...success(op), ...errorResponses() },
  };
}

let cached: Record<string, unknown> | null = null;

/** The document (built once per process). */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method.toLowerCase()] = operation(op);
  cached = {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "DermRelay API",
      version: "1.0.0",
      description:
        "Store-and-forward teledermatology API (v1). Authenticate with the browser session cookie (Auth.js) or an API token (`Authorization: Bearer drt_…`). Cookie-authenticated writes must come from the app's origin. Every route is rate limited per user and per address (429 with Retry-After). Errors use one envelope.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: {
        sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE_NAME, description: "Auth.js session cookie (sign in at /api/auth/callback/credentials)" },
        bearerToken: { type: "http", scheme: "bearer", description: "An API token issued by an administrator (POST /api/v1/tokens)" },
      },
      schemas: { Error: jsonSchema(errorEnvelope, "output") },
      responses: {
        Error: {
          description: "An error in the SPEC §8 envelope; 429 carries Retry-After",
          headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait (429 only)" } },
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  };
  return cached;
}
