import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { asBaselineJpeg, photometricFor, readJpegFrame } from "@/lib/dicom/jpeg";
import { nameBasedUuid, seriesInstanceUid, uidFromUuid } from "@/lib/dicom/uids";
import { texturedImage } from "../fixtures/images";

describe("DICOM UIDs", () => {
  it("reads a UUID as one 128-bit integer after 2.25 (PS3.5 B.2)", () => {
    expect(uidFromUuid("00000000-0000-0000-0000-000000000001")).toBe("2.25.1");
    expect(uidFromUuid("ffffffff-ffff-ffff-ffff-ffffffffffff")).toBe(`2.25.${(2n ** 128n - 1n).toString()}`);
    expect(uidFromUuid("ffffffff-ffff-ffff-ffff-ffffffffffff").length).toBeLessThanOrEqual(64);
    expect(() => uidFromUuid("not-a-uuid")).toThrow();
  });

  it("derives series UIDs by name: stable, distinct per view and per case, RFC 9562 version 5", () => {
    const a = "6f1c1b0e-6a0b-4e57-9d0c-3f5a1f2b9c11";
    const b = "0e2a9a57-3f1d-4b8e-8a41-1c2d3e4f5a6b";
    expect(seriesInstanceUid(a, "overview")).toBe(seriesInstanceUid(a, "overview"));
    expect(seriesInstanceUid(a, "overview")).not.toBe(seriesInstanceUid(a, "closeup"));
    expect(seriesInstanceUid(a, "overview")).not.toBe(seriesInstanceUid(b, "overview"));
    // The RFC's own example: the DNS namespace and "www.example.com".
    expect(nameBasedUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });
});

describe("JPEG frames", () => {
  it("reads baseline 4:2:0 as YBR_FULL_422 and 4:4:4 as YBR_FULL", async () => {
    const j420 = await texturedImage(320, 200).jpeg({ quality: 90 }).toBuffer();
    const j444 = await texturedImage(320, 200).jpeg({ quality: 90, chromaSubsampling: "4:4:4" }).toBuffer();
    const f = readJpegFrame(j420)!;
    expect(f).toMatchObject({ sof: 0, precision: 8, width: 320, height: 200, components: 3 });
    expect(photometricFor(f)).toBe("YBR_FULL_422");
    expect(photometricFor(readJpegFrame(j444)!)).toBe("YBR_FULL");
    expect(readJpegFrame(Buffer.from("not a jpeg"))).toBeNull();
  });

  it("keeps a baseline colour JPEG as is and re-encodes progressive or greyscale ones to baseline colour", async () => {
    const baseline = await texturedImage(300, 200).jpeg().toBuffer();
    const kept = await asBaselineJpeg(baseline);
    expect(kept.reencoded).toBe(false);
    expect(kept.bytes).toBe(baseline);
    const progressive = await texturedImage(300, 200).jpeg({ progressive: true }).toBuffer();
    expect(readJpegFrame(progressive)!.sof).toBe(2);
    const grey = await texturedImage(300, 200).toColourspace("b-w").jpeg().toBuffer();
    expect(readJpegFrame(grey)!.components).toBe(1);
    for (const input of [progressive, grey]) {
      const out = await asBaselineJpeg(input);
      expect(out.reencoded).toBe(true);
      expect(out.frame).toMatchObject({ sof: 0, components: 3, width: 300, height: 200 });
      expect((await sharp(out.bytes).metadata()).isProgressive).toBe(false);
    }
  });
});
