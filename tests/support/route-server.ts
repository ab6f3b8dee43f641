/**
 * A real process serving a few of the app's route handlers over HTTP (node:http → Request →
 * handler → Response), for fault tests that must restart a dependency under a running server
 * without a production build. Run with tsx and the environment of the database it should use;
 * it creates a referrer and a patient and prints `{"port", "cookie", "patientId"}` once
 * listening.
 */
import { createServer } from "node:http";
import { GET as health } from "@/app/api/health/route";
import { GET as listCases, POST as createCase } from "@/app/api/v1/cases/route";
import { createPatient, createTenant, sessionCookie } from "./factories";

type Handler = (req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  "/api/health": { GET: health as Handler },
  "/api/v1/cases": { GET: listCases as Handler, POST: createCase as Handler },
};

const server = createServer(async (incoming, outgoing) => {
  try {
    const url = new URL(incoming.url ?? "/", "http://localhost:3000");
    const handler = ROUTES[url.pathname]?.[incoming.method ?? "GET"];
    if (!handler) {
      outgoing.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of incoming) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(incoming.headers)) if (typeof v === "string") headers.set(k, v);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const res = await handler(new Request(url, { method: incoming.method, headers, body }), { params: Promise.resolve({}) });
    outgoing.writeHead(res.status, Object.fromEntries(res.headers));
    outgoing.end(Buffer.from(await res.arrayBuffer()));
  } catch (err) {
    // Never reached when the handlers map every error; if it is, the test sees a 500 and fails.
    outgoing.writeHead(500, { "content-type": "text/plain" }).end(String((err as Error).stack));
  }
});

const { clinic, referrer } = await createTenant();
const patient = await createPatient(clinic.id);
const { cookie } = await sessionCookie(referrer);
server.listen(0, "127.0.0.1", () => {
  const address = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ port: address.port, cookie, patientId: patient.id })}\n`);
});
