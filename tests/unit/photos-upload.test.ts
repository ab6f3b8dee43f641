import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { DomainError } from "@/lib/errors";
import { receivePhotoUpload } from "@/lib/photos/upload";
import { MAX_PHOTO_BYTES } from "@/lib/photos/limits";
import { heicHead } from "../fixtures/images";

const URL = "http://localhost/api/v1/cases/c1/photos";
const MB = 1024 * 1024;

function formRequest(parts: Record<string, string | { bytes: Uint8Array; name: string; type?: string }>): Request {
  const form = new FormData();
  for (const [key, value] of Object.entries(parts)) {
    if (typeof value === "string") form.append(key, value);
    else form.append(key, new Blob([value.bytes as Uint8Array<ArrayBuffer>], { type: value.type ?? "image/jpeg" }), value.name);
  }
  return new Request(URL, { method: "POST", body: form });
}

async function failure(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

const jpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: "#a06050" } }).jpeg().toBuffer();

describe("receivePhotoUpload", () => {
  it("returns the exact bytes, their SHA-256, the sniffed type, the text fields and the name", async () => {
    const bytes = await jpeg();
    const got = await receivePhotoUpload(
      formRequest({ view: "closeup", file: { bytes, name: "lesion.jpg" }, bodySite: "80248007" }),
    );
    expect(got.type).toBe("jpeg");
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(got.fields).toEqual({ view: "closeup", bodySite: "80248007" });
    expect(got.originalName).toBe("lesion.jpg");
  });

  it("decides the type by magic bytes, not by name or declared type", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).png().toBuffer();
    const got = await receivePhotoUpload(formRequest({ file: { bytes: png, name: "photo.jpg", type: "image/jpeg" } }));
    expect(got.type).toBe("png");
  });

  it("refuses a file over the cap with 413 and stops reading the body", async () => {
    const huge = new Uint8Array(27 * MB);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const e = await failure(receivePhotoUpload(formRequest({ file: { bytes: huge, name: "big.jpg" } })));
    expect(e.status).toBe(413);
    expect(e.message).toBe("Photo exceeds 25 MB");
  });

  it("pulls little more than the cap from an endless body", async () => {
    const boundary = "----dermrelaytest";
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
    const chunk = new Uint8Array(256 * 1024);
    chunk.set([0xff, 0xd8, 0xff, 0xe0]);
    let pulled = 0;
    let sentHead = false;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
      pull(controller) {
        if (!sentHead) {
          sentHead = true;
          controller.enqueue(head);
          return;
        }
        pulled += chunk.length;
        if (pulled > 200 * MB) controller.close(); // safety net: the test would fail below
        else controller.enqueue(chunk.slice());
      },
    });
    const request = new Request(URL, {
      method: "POST",
      body,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      duplex: "half",
    } as RequestInit);
    const e = await failure(receivePhotoUpload(request));
    expect(e.status).toBe(413);
    // Give a reader that kept draining the body the chance to do so, then check it did not.
    await new Promise((r) => setTimeout(r, 200));
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(MAX_PHOTO_BYTES + 4 * MB);
  });

  it("refuses at once when Content-Length is far above the cap", async () => {
    const body = new ReadableStream<Uint8Array>({ pull() {} });
    const request = new Request(URL, {
      method: "POST",
      body,
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(100 * MB) },
      duplex: "half",
    } as RequestInit);
    const e = await failure(receivePhotoUpload(request));
    expect(e.status).toBe(413);
    expect(request.bodyUsed).toBe(false);
  });

  it("honours a smaller cap", async () => {
    const bytes = Buffer.concat([await jpeg(), Buffer.alloc(4096)]);
    const e = await failure(receivePhotoUpload(formRequest({ file: { bytes, name: "a.jpg" } }), { maxBytes: 1024 }));
    expect(e.status).toBe(413);
    expect(e.message).toBe("Photo exceeds 1 KB");
    const oneOver = await failure(
      receivePhotoUpload(formRequest({ file: { bytes, name: "a.jpg" } }), { maxBytes: bytes.length - 1 }),
    );
    expect(oneOver.status).toBe(413);
    const ok = await receivePhotoUpload(formRequest({ file: { bytes, name: "a.jpg" } }), { maxBytes: bytes.length });
    expect(ok.bytes.length).toBe(bytes.length);
  });

  it("refuses HTML, SVG and GIF dressed as a JPEG with 415", async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).gif().toBuffer();
    for (const bytes of [
      Buffer.from("<html><body><script>alert(document.cookie)</script></body></html>"),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      gif,
      Buffer.from("GIF"), // shorter than the sniff window
    ]) {
      const e = await failure(receivePhotoUpload(formRequest({ file: { bytes, name: "photo.jpg" } })));
      expect(e.status).toBe(415);
      expect(e.message).toBe("Only JPEG, PNG, WebP, HEIC and AVIF photos are accepted");
    }
  });

  it("accepts HEIC by its ftyp brand (the worker decodes it), and refuses an MP4 video with 415", async () => {
    const ok = await receivePhotoUpload(formRequest({ file: { bytes: heicHead(), name: "IMG_0001.HEIC" } }));
    expect(ok.type).toBe("heic");
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\0\0isommp41", "latin1"), Buffer.alloc(64)]);
    const e = await failure(receivePhotoUpload(formRequest({ file: { bytes: mp4, name: "IMG_0001.HEIC" } })));
    expect(e.status).toBe(415);
  });

  it("answers 422 naming the file field when the photo is missing or empty", async () => {
    const missing = await failure(receivePhotoUpload(formRequest({ view: "overview" })));
    expect(missing.status).toBe(422);
    expect(missing.fields?.file).toBeDefined();
    const empty = await failure(receivePhotoUpload(formRequest({ file: { bytes: new Uint8Array(), name: "" } })));
    expect(empty.status).toBe(422);
    expect(empty.fields?.file).toBeDefined();
  });

  it("answers 422 for a second photo, a photo under another name, or a repeated field", async () => {
    const bytes = await jpeg();
    const form = new FormData();
    form.append("file", new Blob([bytes]), "a.jpg");
    form.append("file", new Blob([bytes]), "b.jpg");
    const two = await failure(receivePhotoUpload(new Request(URL, { method: "POST", body: form })));
    expect(two.status).toBe(422);
    const other = await failure(receivePhotoUpload(formRequest({ photo: { bytes, name: "a.jpg" } })));
    expect(other.status).toBe(422);
    const twice = new FormData();
    twice.append("view", "overview");
    twice.append("view", "closeup");
    twice.append("file", new Blob([bytes]), "a.jpg");
    const dup = await failure(receivePhotoUpload(new Request(URL, { method: "POST", body: twice })));
    expect(dup.status).toBe(422);
    expect(dup.fields?.view).toBeDefined();
  });

  it("answers 415 for a body that is not multipart", async () => {
    const bytes = await jpeg();
    for (const type of ["image/jpeg", "application/json", "application/x-www-form-urlencoded"]) {
      const e = await failure(
        receivePhotoUpload(new Request(URL, { method: "POST", body: bytes, headers: { "content-type": type } })),
      );
      expect(e.status).toBe(415);
    }
    const none = await failure(receivePhotoUpload(new Request(URL, { method: "POST", body: bytes })));
    expect(none.status).toBe(415);
  });

  it("answers 400 for malformed multipart", async () => {
    const noBoundary = await failure(
      receivePhotoUpload(
        new Request(URL, { method: "POST", body: "x", headers: { "content-type": "multipart/form-data; charset=utf-8" } }),
      ),
    );
    expect(noBoundary.status).toBe(400);
    const cut = await failure(
      receivePhotoUpload(
        new Request(URL, {
          method: "POST",
          body: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n\xff\xd8\xff\xe0 and then nothing',
          headers: { "content-type": "multipart/form-data; boundary=b" },
        }),
      ),
    );
    expect(cut.status).toBe(400);
    const noBody = await failure(
      receivePhotoUpload(new Request(URL, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=b" } })),
    );
    expect(noBody.status).toBe(400);
  });
});
