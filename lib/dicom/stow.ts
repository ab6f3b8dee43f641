/**
 * STOW-RS client (DICOM PS3.18 §10.5): one `POST {stowUrl}` of `multipart/related;
 * type="application/dicom"`, its body streamed from the objects as they are written (one object
 * in memory at a time), no redirects followed, a deadline on the whole exchange. The answer is
 * summarised from the Store Instances Response (Referenced / Failed SOP Sequence). An instance the
 * PACS already holds (failure reason 0111H, duplicate SOP instance) counts as stored: sending the
 * same study again is harmless by design.
 */
import { randomBytes } from "node:crypto";
import type { PacsResponse } from "../db/schema";
import type { DicomObject } from "./objects";

/** A send that did not succeed; `permanent` ones are not retried. */
export class StowError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly response: PacsResponse | null = null,
  ) {
    super(message);
    this.name = "StowError";
  }
}

const DUPLICATE_SOP_INSTANCE = 0x0111;
const TRANSIENT_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const encoder = new TextEncoder();

/** The multipart body: each object a part, produced when the connection asks for more. */
function multipartBody(objects: AsyncIterator<DicomObject>, boundary: string, onObject: () => void): ReadableStream<Uint8Array> {
  let ended = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (ended) return;
        const next = await objects.next();
        if (next.done) {
          ended = true;
          controller.enqueue(encoder.encode(`--${boundary}--\r\n`));
          controller.close();
          return;
        }
        onObject();
        controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`));
        controller.enqueue(new Uint8Array(next.value.bytes.buffer, next.value.bytes.byteOffset, next.value.bytes.byteLength));
        controller.enqueue(encoder.encode("\r\n"));
      },
      async cancel() {
        await objects.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

type Attr = { Value?: unknown[] };
const items = (json: Record<string, Attr> | null, tag: string) => (json?.[tag]?.Value ?? []) as Record<string, Attr>[];
const first = (item: Record<string, Attr> | undefined, tag: string) => item?.[tag]?.Value?.[0];

/** Summarise a Store Instances Response (DICOM JSON); `sent` is how many instances went out. */
export function summariseStowResponse(httpStatus: number, body: string, sent: number): PacsResponse {
  let json: Record<string, Attr> | null = null;
  try {
    const parsed = JSON.parse(body) as unknown;
    json = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, Attr>;
  } catch {
    json = null;
  }
  const failures = items(json, "00081198").map((f) => ({
    sopInstanceUid: (first(f, "00081155") as string | undefined) ?? null,
    reason: (first(f, "00081197") as number | undefined) ?? null,
  }));
  const real = failures.filter((f) => f.reason !== DUPLICATE_SOP_INSTANCE);
  const referenced = items(json, "00081199").length;
  const stored = json ? referenced + (failures.length - real.length) : httpStatus === 200 ? sent : 0;
  const retrieveUrl = (first(json ?? undefined, "00081190") as string | undefined) ?? null;
  return { httpStatus, stored, failed: real.length, failures: real.slice(0, 20), retrieveUrl: retrieveUrl?.slice(0, 500) ?? null };
}

/**
 * Send `objects` to `stowUrl` with `headers`. Resolves with the summary when every instance is
 * stored (or already was); throws {@link StowError} otherwise.
 */
export async function stowRs(
  stowUrl: string,
  headers: Record<string, string>,
  objects: AsyncIterator<DicomObject>,
  opts: { timeoutMs?: number } = {},
): Promise<PacsResponse> {
  const boundary = `dermrelay-${randomBytes(12).toString("hex")}`;
  let sent = 0;
  let res: Response;
  try {
    res = await fetch(stowUrl, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000),
      headers: { ...headers, "content-type": `multipart/related; type="application/dicom"; boundary=${boundary}`, accept: "application/dicom+json" },
      body: multipartBody(objects, boundary, () => sent++),
      duplex: "half",
    } as RequestInit & { duplex: "half" });
  } catch (err) {
    const c = (err as { cause?: { code?: string; message?: string } }).cause;
    const cause = c?.code ?? c?.message?.slice(0, 80);
    const why = (err as Error).name === "TimeoutError" ? "the PACS did not answer in time" : cause ? `the PACS could not be reached (${cause})` : "the PACS could not be reached";
    throw new StowError(`STOW-RS failed: ${why}`, false);
  }
  const body = (await res.text().catch(() => "")).slice(0, 256 * 1024);
  if (res.status >= 300 && res.status < 400) {
    throw new StowError(`The PACS answered ${res.status} (a redirect); DermRelay does not follow redirects: set the final URL`, true);
  }
  const summary = summariseStowResponse(res.status, body, sent);
  if (res.status === 200 || res.status === 202 || res.status === 409) {
    if (summary.failed === 0 && summary.stored >= sent) return summary;
    const reasons = [...new Set(summary.failures.map((f) => (f.reason === null ? "unknown" : `0x${f.reason.toString(16).padStart(4, "0")}`)))].join(", ");
    throw new StowError(`The PACS stored ${summary.stored} of ${sent} instances (failure reasons: ${reasons || "none given"})`, true, summary);
  }
  const label = `${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  throw new StowError(`The PACS answered ${label}`, !TRANSIENT_STATUS.has(res.status), summary);
}
