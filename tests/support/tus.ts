/**
 * tus requests against the real upload route handlers: in-process (a Request handed to the
 * handler) or over a real socket (startUploadServer: node:http streaming bodies into the same
 * handlers, so a test can cut a PATCH off half-way like a phone losing signal).
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import { Readable } from "node:stream";
import * as collection from "@/app/api/v1/uploads/route";
import * as one from "@/app/api/v1/uploads/[id]/route";
import { params } from "./factories";

type Handler = (req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** `Upload-Metadata` for these pairs (values base64, as tus-js-client sends them). */
export function tusMetadata(pairs: Record<string, string>): string {
  return Object.entries(pairs)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString("base64")}`)
    .join(",");
}

function handlerFor(method: string, id: string | null): Handler {
  const mod = (id ? one : collection) as unknown as Record<string, Handler>;
  const h = mod[method];
  if (!h) throw new Error(`no ${method} handler`);
  return h;
}

/** One tus request to `/api/v1/uploads[/{id}]`; Tus-Resumable 1.0.0 unless `headers` says otherwise. */
export function tus(method: string, id: string | null, opts: { cookie?: string; headers?: Record<string, string>; body?: Buffer | ReadableStream<Uint8Array> } = {}): Promise<Response> {
  const headers: Record<string, string> = { "tus-resumable": "1.0.0", ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers };
  if (opts.body && !(opts.body instanceof ReadableStream)) headers["content-length"] ??= String(opts.body.length);
  const body = opts.body instanceof ReadableStream ? opts.body : opts.body ? new Uint8Array(opts.body) : undefined;
  const url = `http://localhost:3000/api/v1/uploads${id ? `/${id}` : ""}`;
  const req = new Request(url, { method, headers, body, ...(body ? { duplex: "half" } : {}) } as RequestInit);
  return handlerFor(method, id)(req, params<Record<string, string>>(id ? { id } : {}));
}

/** Create an upload; returns its id (from Location). */
export async function createUpload(cookie: string, caseId: string, length: number, fields: { view?: string; bodySite?: string } = {}): Promise<string> {
  const res = await tus("POST", null, {
    cookie,
    headers: { "upload-length": String(length), "upload-metadata": tusMetadata({ caseId, view: fields.view ?? "closeup", bodySite: fields.bodySite ?? "14975008" }) },
  });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  return res.headers.get("location")!.split("/").pop()!;
}

/** PATCH `bytes` at `offset`. */
export const patchUpload = (cookie: string, id: string, offset: number, bytes: Buffer) =>
  tus("PATCH", id, { cookie, headers: { "upload-offset": String(offset), "content-type": "application/offset+octet-stream" }, body: bytes });

/** The offset HEAD reports. */
export async function headOffset(cookie: string, id: string): Promise<number> {
  const res = await tus("HEAD", id, { cookie });
  if (res.status !== 200) throw new Error(`head: ${res.status}`);
  return Number(res.headers.get("upload-offset"));
}

/** A real HTTP server over the upload handlers, bodies streamed (not buffered) into them. */
export async function startUploadServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer(async (incoming, outgoing) => {
    try {
      const url = new URL(incoming.url ?? "/", "http://localhost:3000");
      const id = url.pathname.match(/^\/api\/v1\/uploads\/([^/]+)$/)?.[1] ?? null;
      const headers = new Headers();
      for (const [k, v] of Object.entries(incoming.headers)) if (typeof v === "string") headers.set(k, v);
      const hasBody = incoming.method === "PATCH" || incoming.method === "POST";
      const body = hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined;
      const req = new Request(url, { method: incoming.method, headers, body, ...(body ? { duplex: "half" } : {}) } as RequestInit);
      const res = await handlerFor(incoming.method ?? "GET", id)(req, params<Record<string, string>>(id ? { id } : {}));
      outgoing.writeHead(res.status, Object.fromEntries(res.headers));
      outgoing.end(Buffer.from(await res.arrayBuffer()));
    } catch (err) {
      if (!outgoing.headersSent) outgoing.writeHead(500, { "content-type": "text/plain" });
      outgoing.end(String((err as Error).message));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A PATCH being sent over a real socket, its body written piece by piece by the test. */
export type OpenPatch = {
  write: (bytes: Buffer) => Promise<void>;
  end: () => void;
  /** Drop the connection, as a phone losing signal. */
  destroy: () => void;
  /** The answer, or null when the connection died first. */
  answer: Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string } | null>;
};

/** Open a PATCH of `length` bytes (the Content-Length promised) at `offset`; the body follows by `write`. */
export function openPatch(port: number, cookie: string, id: string, offset: number, length: number): OpenPatch {
  const req = httpRequest({
    host: "127.0.0.1",
    port,
    method: "PATCH",
    path: `/api/v1/uploads/${id}`,
    headers: { cookie, "tus-resumable": "1.0.0", "upload-offset": String(offset), "content-type": "application/offset+octet-stream", "content-length": String(length) },
  });
  const answer = new Promise<Awaited<OpenPatch["answer"]>>((resolve) => {
    let answered = false;
    req.on("error", () => answered || resolve(null));
    req.on("close", () => answered || resolve(null));
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() });
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", done);
      res.on("close", done);
      res.on("error", done);
    });
  });
  return {
    write: (bytes) => new Promise<void>((resolve) => req.write(bytes, () => resolve())),
    end: () => req.end(),
    destroy: () => req.destroy(),
    answer,
  };
}

/**
 * A PATCH over a socket that dies after `sendBytes` of `bytes` (Content-Length promises them all),
 * as when a phone loses signal mid-piece. Resolves once the socket is gone.
 */
export async function interruptedPatch(port: number, cookie: string, id: string, offset: number, bytes: Buffer, sendBytes: number): Promise<void> {
  const patch = openPatch(port, cookie, id, offset, bytes.length);
  await patch.write(bytes.subarray(0, sendBytes));
  setTimeout(() => patch.destroy(), 300);
  await patch.answer;
}
