import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import {
  createKeyring,
  decrypt,
  encrypt,
  ENVELOPE_OVERHEAD,
  EnvelopeError,
  keyIdFor,
  readKeyId,
} from "@/lib/storage/envelope";
import { cameraJpeg } from "../fixtures/images";

const key = () => randomBytes(32);

describe("envelope encryption", () => {
  it("round-trips and produces a DRE1 blob that is not a readable image", async () => {
    const master = key();
    const photo = await cameraJpeg(800, 600);
    const blob = encrypt(photo, master);
    expect(blob.subarray(0, 4).toString("ascii")).toBe("DRE1");
    expect(blob.length).toBe(photo.length + ENVELOPE_OVERHEAD);
    expect(readKeyId(blob)).toBe(keyIdFor(master));
    expect(blob.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false); // JPEG SOI
    expect(blob.includes("Exif")).toBe(false);
    expect(blob.includes("AcmePhone")).toBe(false);
    await expect(sharp(blob).metadata()).rejects.toThrow();
    expect(decrypt(blob, createKeyring(master)).equals(photo)).toBe(true);
  });

  it("uses a fresh data key and IV per object", () => {
    const master = key();
    const a = encrypt(Buffer.from("same plaintext"), master);
    const b = encrypt(Buffer.from("same plaintext"), master);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(48, 80).equals(b.subarray(48, 80))).toBe(false); // wrapped keys differ
  });

  it("derives a stable 16-hex key id", () => {
    const master = Buffer.alloc(32, 7);
    expect(keyIdFor(master)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdFor(master)).toBe(keyIdFor(Buffer.alloc(32, 7)));
    expect(keyIdFor(master)).not.toBe(keyIdFor(Buffer.alloc(32, 8)));
    expect(() => keyIdFor(Buffer.alloc(16))).toThrow(EnvelopeError);
  });

  it("throws when any byte is changed, in every region of the blob", () => {
    const master = key();
    const ring = createKeyring(master);
    const blob = encrypt(Buffer.from("a photo of a lesion, pretend"), master);
    for (const offset of [21, 40, 60, 85, 100, 110, blob.length - 1]) {
      const tampered = Buffer.from(blob);
      tampered[offset]! ^= 0x01;
      expect(() => decrypt(tampered, ring), `offset ${offset}`).toThrow(EnvelopeError);
    }
    expect(() => decrypt(blob.subarray(0, blob.length - 1), ring)).toThrow(EnvelopeError);
    expect(() => decrypt(Buffer.from("DRE2" + blob.toString("latin1").slice(4), "latin1"), ring)).toThrow(
      EnvelopeError,
    );
    expect(() => decrypt(Buffer.from("short"), ring)).toThrow(EnvelopeError);
  });

  it("binds the blob to its context", () => {
    const master = key();
    const blob = encrypt(Buffer.from("x"), master, Buffer.from("photos/a/master.jpg"));
    expect(decrypt(blob, createKeyring(master), Buffer.from("photos/a/master.jpg")).toString()).toBe("x");
    expect(() => decrypt(blob, createKeyring(master), Buffer.from("photos/b/master.jpg"))).toThrow(EnvelopeError);
    expect(() => decrypt(blob, createKeyring(master))).toThrow(EnvelopeError);
  });

  it("supports rotation: old blobs open with a keyring holding old and new keys", () => {
    const oldKey = key();
    const newKey = key();
    const oldBlob = encrypt(Buffer.from("taken last year"), oldKey);
    expect(() => decrypt(oldBlob, createKeyring(newKey))).toThrow(/No master key/);
    const ring = createKeyring(newKey, [oldKey]);
    expect(decrypt(oldBlob, ring).toString()).toBe("taken last year");
    expect(readKeyId(encrypt(Buffer.from("new"), newKey))).toBe(keyIdFor(newKey));
    // A key under the wrong id fails authentication rather than decrypting garbage.
    const liar = new Map([[keyIdFor(oldKey), newKey]]);
    expect(() => decrypt(oldBlob, liar)).toThrow(EnvelopeError);
  });
});
