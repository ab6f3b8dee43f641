/**
 * The pure parts of offline capture (SPEC §16): which of the five states an upload's answer leads
 * to and whether the device copy stays, the state words, and the device encryption — a
 * non-extractable AES-GCM key whose sealed photos are not the JPEG and open only under the same
 * record, user and draft.
 */
import { describe, expect, it } from "vitest";
import { afterUpload, stateLabel, stateOfPhoto, takesSlot } from "@/components/cases/wizard/photo-state";
import { boundTo, newDeviceKey, open, seal } from "@/components/cases/wizard/device-crypto";
import type { PhotoDto } from "@/lib/photos/dto";

const photo = (status: PhotoDto["status"], rejectReason: string | null = null): PhotoDto => ({
  id: "p1", caseId: "c1", view: "closeup", bodySite: "14975008", status, rejectReason, width: 10, height: 10, quality: null, scale: null, measurement: null, lesionId: null, createdAt: "2026-01-01T00:00:00Z",
});

describe("photo states", () => {
  it("maps the server's photo status to Processing, Ready or Needs attention with the reason", () => {
    expect(stateOfPhoto(photo("processing"))).toEqual({ phase: "processing" });
    expect(stateOfPhoto(photo("ready"))).toEqual({ phase: "ready" });
    expect(stateOfPhoto(photo("rejected", "Image too small"))).toEqual({ phase: "attention", reason: "Image too small" });
    expect(stateOfPhoto(photo("rejected")).reason).toMatch(/could not be read/);
  });

  it("a stored upload drops the device copy; no connection or rate limiting keeps it as Saved on this device", () => {
    expect(afterUpload({ ok: true, data: photo("processing") })).toMatchObject({ phase: "processing", keepOnDevice: false });
    expect(afterUpload({ ok: true, data: photo("rejected", "bad") })).toMatchObject({ phase: "attention", reason: "bad", keepOnDevice: false });
    expect(afterUpload({ ok: false, code: "unavailable", message: "interrupted" })).toEqual({ phase: "saved", keepOnDevice: true });
    expect(afterUpload({ ok: false, code: "rate_limited", message: "slow down" })).toEqual({ phase: "saved", keepOnDevice: true });
  });

  it("a refusal that resending cannot fix needs attention, with the server's reason, and drops the copy", () => {
    for (const code of ["payload_too_large", "unsupported_media_type", "conflict", "unauthenticated", "invalid"] as const) {
      expect(afterUpload({ ok: false, code, message: `why ${code}` })).toEqual({ phase: "attention", reason: `why ${code}`, keepOnDevice: false });
    }
  });

  it("words each state, uploading with its whole percentage", () => {
    expect(stateLabel("saved")).toBe("Saved on this device");
    expect(stateLabel("uploading", 0.426)).toBe("Uploading 43 %");
    expect(stateLabel("uploading", 1.2)).toBe("Uploading 100 %");
    expect(stateLabel("processing")).toBe("Processing");
    expect(stateLabel("ready")).toBe("Ready");
    expect(stateLabel("attention")).toBe("Needs attention");
  });

  it("a failed upload frees its slot; a rejected photo on the server still holds one", () => {
    expect(takesSlot({ phase: "attention" })).toBe(false);
    expect(takesSlot({ phase: "attention", photo: photo("rejected") })).toBe(true);
    expect(takesSlot({ phase: "saved" })).toBe(true);
  });
});

describe("device encryption", () => {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);
  const record = { id: "r1", userId: "u1", caseId: "c1" };

  it("uses a key that cannot be exported", async () => {
    const key = await newDeviceKey();
    expect(key.extractable).toBe(false);
    expect(key.usages.sort()).toEqual(["decrypt", "encrypt"]);
    await expect(crypto.subtle.exportKey("raw", key)).rejects.toThrow();
  });

  it("seals a photo into bytes that are not the JPEG, and opens it only under the same binding", async () => {
    const key = await newDeviceKey();
    const sealed = await seal(key, jpeg, boundTo(record, "body"));
    const bytes = new Uint8Array(sealed.data);
    expect(bytes.length).toBe(jpeg.length + 16);
    expect([bytes[0], bytes[1]]).not.toEqual([0xff, 0xd8]);
    expect(new Uint8Array(await open(key, sealed, boundTo(record, "body")))).toEqual(jpeg);
    await expect(open(key, sealed, boundTo({ ...record, userId: "u2" }, "body"))).rejects.toThrow();
    await expect(open(key, sealed, boundTo({ ...record, caseId: "c2" }, "body"))).rejects.toThrow();
    await expect(open(key, sealed, boundTo(record, "meta"))).rejects.toThrow();
    await expect(open(await newDeviceKey(), sealed, boundTo(record, "body"))).rejects.toThrow();
  });
});
