/**
 * One photo upload over tus 1.0 (SPEC §16; server: lib/uploads/) with tus-js-client: the file
 * goes in 5 MB pieces, a piece cut off by a lost signal is retried with growing delays and the
 * upload resumes from the offset the server reports, not from zero. A later call for the same
 * file, case, view and body site (the offline queue re-sending after a reload) resumes the upload
 * it left, found by a hashed fingerprint in localStorage — no file name or other PHI is kept
 * there, and the entry goes once the photo is stored.
 *
 * The finished upload's last PATCH answers the photo (200, JSON); if that answer was lost, the
 * resumed upload ends on a HEAD whose `Photo-Id` names it and the photo is read with the API
 * client. Either way the caller gets the same Result as before: `done` resolves, never rejects.
 */
import { Upload, type DetailedError, type HttpResponse } from "tus-js-client";
import { api, failureFrom, type Result } from "@/components/api/client";
import type { PhotoDto } from "@/lib/photos/dto";

export type UploadHandle = { done: Promise<Result<PhotoDto>>; abort: () => void };

const ENDPOINT = "/api/v1/uploads";
const CHUNK_BYTES = 5 * 1024 * 1024;
/** A phone on one bar of signal: try again at once, then after 1, 3, 5, 10 and 20 seconds. */
const RETRY_DELAYS = [0, 1_000, 3_000, 5_000, 10_000, 20_000];
const INTERRUPTED = "The upload was interrupted; check the connection and try again";

const parse = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
};

/** The fingerprint tus-js-client stores the upload URL under: a hash, so no file name is kept. */
async function fingerprintOf(caseId: string, file: File, fields: { view: string; bodySite: string }): Promise<string> {
  const parts = ["dermrelay-photo", caseId, fields.view, fields.bodySite, file.name, file.type, file.size, file.lastModified].join("\u0000");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts));
  return `dermrelay-${Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The photo the finished upload became: the last PATCH's body, or the photo HEAD names. */
async function photoFrom(res: HttpResponse): Promise<Result<PhotoDto>> {
  const body = parse(res.getBody()) as Partial<PhotoDto> | null;
  if (body && typeof body.id === "string" && typeof body.status === "string") return { ok: true, data: body as PhotoDto };
  const id = res.getHeader("Photo-Id");
  if (id) return api<PhotoDto>(`/api/v1/photos/${encodeURIComponent(id)}`);
  return { ok: false, code: "internal", message: "The upload finished but the server did not name the photo; reload the page" };
}

/**
 * Retry what time can fix: no answer, a server fault, a stale offset, a lock or the rate limit —
 * while the browser believes it is online. Offline, the upload ends at once as `unavailable`: the
 * wizard keeps the photo on the device and sends it again on reconnect (use-photos.ts), and that
 * new upload resumes this one from its offset.
 */
function shouldRetry(err: DetailedError): boolean {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return false;
  const status = err.originalResponse?.getStatus() ?? 0;
  return status === 0 || status >= 500 || status === 409 || status === 423 || status === 429;
}

export function uploadPhoto(caseId: string, file: File, fields: { view: string; bodySite: string }, onProgress: (fraction: number) => void): UploadHandle {
  let cancelled = false;
  let settle: (r: Result<PhotoDto>) => void = () => undefined;
  const done = new Promise<Result<PhotoDto>>((resolve) => {
    let settled = false;
    settle = (r) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
  });
  const tus = new Upload(file, {
    endpoint: ENDPOINT,
    chunkSize: CHUNK_BYTES,
    retryDelays: RETRY_DELAYS,
    metadata: { caseId, view: fields.view, bodySite: fields.bodySite },
    fingerprint: () => fingerprintOf(caseId, file, fields),
    removeFingerprintOnSuccess: true,
    headers: { accept: "application/json" },
    onShouldRetry: (err) => shouldRetry(err),
    onProgress: (sent, total) => {
      if (total > 0) onProgress(sent / total);
    },
    onSuccess: ({ lastResponse }) => {
      void photoFrom(lastResponse).then((r) => {
        if (r.ok) onProgress(1);
        settle(r);
      });
    },
    onError: (err) => {
      const res = (err as DetailedError).originalResponse;
      settle(res ? failureFrom(res.getStatus(), parse(res.getBody())) : { ok: false, code: "unavailable", message: INTERRUPTED });
    },
  });
  void tus
    .findPreviousUploads()
    .then((previous) => {
      if (previous[0]) tus.resumeFromPreviousUpload(previous[0]);
    })
    .catch(() => undefined)
    .finally(() => {
      if (!cancelled) tus.start();
    });
  return {
    done,
    abort: () => {
      // Cancelled by the referrer: stop, and let the server drop the bytes it holds (tus termination).
      cancelled = true;
      void tus.abort(true).catch(() => undefined);
      settle({ ok: false, code: "bad_request", message: "Upload cancelled" });
    },
  };
}
