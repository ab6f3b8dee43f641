/**
 * One photo upload over XMLHttpRequest rather than fetch: only XHR reports upload progress, which
 * the referrer needs on a slow clinic or mobile connection (SPEC §4.1). It answers the same Result
 * as the API client (components/api/client.ts).
 */
import { failureFrom, type Result } from "@/components/api/client";
import type { PhotoDto } from "@/lib/photos/dto";

export type UploadHandle = { done: Promise<Result<PhotoDto>>; abort: () => void };

export function uploadPhoto(caseId: string, file: File, fields: { view: string; bodySite: string }, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Result<PhotoDto>>((resolve) => {
    xhr.open("POST", `/api/v1/cases/${caseId}/photos`);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status === 201 || xhr.status === 200) {
        onProgress(1);
        resolve({ ok: true, data: body as PhotoDto });
      } else resolve(failureFrom(xhr.status, body));
    };
    xhr.onerror = () => resolve({ ok: false, code: "unavailable", message: "The upload was interrupted; check the connection and try again" });
    xhr.onabort = () => resolve({ ok: false, code: "bad_request", message: "Upload cancelled" });
    // Text fields first, so the server knows view and body site before the file streams in.
    const form = new FormData();
    form.append("view", fields.view);
    form.append("bodySite", fields.bodySite);
    form.append("file", file, file.name || "photo.jpg");
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
