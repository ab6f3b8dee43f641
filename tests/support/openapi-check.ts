/**
 * Checks an /api/v1 response against the OpenAPI document (SPEC §9: "the integration suite checks
 * every response it sees against it"): the operation must exist, the status must be documented,
 * and a JSON body must validate (Ajv, JSON Schema 2020-12, with formats) against its schema.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/http/openapi/document";

type Response_ = { description?: string; content?: Record<string, { schema: object }>; $ref?: string };
type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, Response_> }>>;
  components: { responses: Record<string, Response_> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);

const templates = () => {
  const doc = openApiDocument() as unknown as Doc;
  return Object.keys(doc.paths).map((t) => ({ template: t, re: new RegExp(`^${t.replace(/\./g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`) }));
};
let compiledTemplates: ReturnType<typeof templates> | null = null;
const validators = new Map<string, ValidateFunction>();

/**
 * True when `pathname` is one of the document's paths. Every real route file has a row
 * (tests/integration/openapi.test.ts), so a path outside the document is a test's own fake route
 * (tests/integration/http-endpoint.test.ts) and is not checked.
 */
export function isDocumentedPath(pathname: string): boolean {
  compiledTemplates ??= templates();
  return compiledTemplates.some((t) => t.template === pathname || t.re.test(pathname));
}

/** Errors (empty when the response conforms) of one response to `method pathname`. */
export function checkApiResponse(method: string, pathname: string, status: number, contentType: string | null, body: string): string[] {
  const doc = openApiDocument() as unknown as Doc;
  compiledTemplates ??= templates();
  // A literal path (turnaround.csv) wins over a template that would also match it.
  const match = compiledTemplates.find((t) => t.template === pathname) ?? compiledTemplates.find((t) => t.re.test(pathname));
  const where = `${method} ${pathname} → ${status}`;
  if (!match) return [`${where}: no such path in the OpenAPI document`];
  const op = doc.paths[match.template]![method.toLowerCase()];
  if (!op) return [`${where}: method not documented`];
  let response = op.responses[String(status)];
  if (!response) return [`${where}: status not documented`];
  if (response.$ref) response = doc.components.responses[response.$ref.split("/").pop()!]!;
  const content = response.content;
  if (!content) return body.length === 0 ? [] : [`${where}: documented without a body, got ${body.length} bytes`];
  const type = (contentType ?? "").split(";")[0]!.trim();
  const media = content[type];
  if (!media) return [`${where}: content type ${type || "(none)"} not documented (${Object.keys(content).join(", ")})`];
  if (type !== "application/json") return [];
  const key = `${match.template} ${method} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = (media.schema as { $ref?: string }).$ref ? openApiDocument().components : media.schema;
    validate = ajv.compile((media.schema as { $ref?: string }).$ref ? (schema as { schemas: { Error: object } }).schemas.Error : media.schema);
    validators.set(key, validate);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [`${where}: body is not JSON`];
  }
  return validate(parsed) ? [] : (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || "/"} ${e.message}`);
}
