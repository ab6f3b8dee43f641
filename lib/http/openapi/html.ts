/**
 * The browsable API reference at /api/docs: the OpenAPI document rendered to one self-contained
 * HTML page on the server (no scripts, no CDN — the CSP allows neither), grouped by tag, with
 * each operation's roles, parameters, body and responses; schemas fold out in <details>.
 */
import { OPERATIONS } from "./registry";
import { openApiDocument } from "./document";

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const pre = (v: unknown) => `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;

type Op = {
  operationId: string;
  summary: string;
  "x-roles": string[] | "any" | "public";
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: unknown }>; $ref?: string }>;
};

function operationHtml(method: string, path: string, op: Op): string {
  const roles = op["x-roles"] === "any" ? "any signed-in user" : op["x-roles"] === "public" ? "anyone" : op["x-roles"].join(", ");
  const params = op.parameters.length
    ? `<table><caption>Parameters</caption><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">required</th><th scope="col">type</th></tr></thead><tbody>${op.parameters
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td>${esc((p.schema.enum as string[] | undefined)?.join(" | ") ?? p.schema.type ?? "")}</td></tr>`)
        .join("")}</tbody></table>`
    : "";
  const body = op.requestBody
    ? Object.entries(op.requestBody.content).map(([type, c]) => `<details><summary>Request body (${esc(type)})</summary>${pre(c.schema)}</details>`).join("")
    : "";
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      if (r.$ref) return `<li><strong>${esc(status)}</strong> error envelope</li>`;
      const content = Object.entries(r.content ?? {});
      return `<li><strong>${esc(status)}</strong> ${esc(r.description ?? "")}${content.map(([type, c]) => `<details><summary>${esc(type)}</summary>${pre(c.schema)}</details>`).join("")}</li>`;
    })
    .join("");
  return `<section id="${esc(op.operationId)}" class="op"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary)} <span class="roles">Roles: ${esc(roles)}</span></p>${params}${body}<ul class="responses">${responses}</ul></section>`;
}

/** The whole page. */
export function apiDocsHtml(): string {
  const doc = openApiDocument() as { info: { title: string; version: string; description: string }; paths: Record<string, Record<string, Op>>; components: { schemas: { Error: unknown } } };
  const byTag = new Map<string, string[]>();
  for (const o of OPERATIONS) {
    const op = doc.paths[o.path]![o.method.toLowerCase()]!;
    const tag = o.path.split("/")[3]!;
    byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(o.method.toLowerCase(), o.path, op)]);
  }
  const nav = [...byTag.keys()].map((t) => `<li><a href="#tag-${esc(t)}">${esc(t)}</a></li>`).join("");
  const sections = [...byTag.entries()].map(([t, ops]) => `<h2 id="tag-${esc(t)}">${esc(t)}</h2>${ops.join("")}`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.info.title)} reference</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#0f172a;background:#f8fafc}
header,main{max-width:60rem;margin:0 auto;padding:1rem}
header{border-bottom:1px solid #cbd5e1}
nav ul{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0}
a{color:#1d4ed8}
.op{background:#fff;border:1px solid #cbd5e1;border-radius:.5rem;padding:.5rem 1rem;margin:.75rem 0}
.op h3{font-size:1rem;margin:.25rem 0}
.m{display:inline-block;min-width:4.5rem;text-align:center;border-radius:.25rem;color:#fff;font-size:.8rem;padding:.1rem .4rem}
.get{background:#1e40af}.post{background:#166534}.patch{background:#92400e}.put{background:#6b21a8}.delete{background:#991b1b}.head,.options{background:#334155}
.roles{color:#475569;font-size:.85rem;margin-left:.5rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}caption{text-align:left;font-weight:600}
th,td{border:1px solid #e2e8f0;padding:.2rem .5rem;text-align:left}
pre{background:#f1f5f9;padding:.5rem;overflow:auto;font-size:.8rem;max-height:30rem}
summary{cursor:pointer}
</style></head><body><header><h1>${esc(doc.info.title)} <small>v${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors: ${pre(doc.components.schemas.Error)}</p><nav aria-label="Resources"><ul>${nav}</ul></nav></header><main>${sections}</main></body></html>`;
}
