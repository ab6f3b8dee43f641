import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { sniffImageType } from "@/lib/photos/sniff";
import { heicHead } from "../fixtures/images";

const tiny = () => sharp({ create: { width: 4, height: 4, channels: 3, background: "#c08060" } });

describe("sniffImageType", () => {
  it("recognises JPEG, PNG and WebP by their magic bytes", async () => {
    expect(sniffImageType(await tiny().jpeg().toBuffer())).toBe("jpeg");
    expect(sniffImageType(await tiny().png().toBuffer())).toBe("png");
    expect(sniffImageType(await tiny().webp().toBuffer())).toBe("webp");
  });

  it("tells HEIC (HEVC) from AVIF (AV1) by the ftyp brands", async () => {
    expect(sniffImageType(heicHead())).toBe("heic");
    const mif1 = Buffer.concat([Buffer.from([0, 0, 0, 0x10]), Buffer.from("ftypmif1\0\0\0\0", "latin1")]);
    expect(sniffImageType(mif1)).toBe("heic");
    expect(sniffImageType(await tiny().avif().toBuffer())).toBe("avif");
    const mif1Avif = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from("ftypmif1\0\0\0\0mif1miafavif", "latin1")]);
    expect(sniffImageType(mif1Avif)).toBe("avif");
    const mif1Heic = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from("ftypmif1\0\0\0\0mif1heicmiaf", "latin1")]);
    expect(sniffImageType(mif1Heic)).toBe("heic");
  });

  it("finds a HEIF brand among the compatible brands", () => {
    const box = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypXXXX\0\0\0\0isomheix", "latin1")]);
    expect(sniffImageType(box)).toBe("heic");
  });

  it("refuses everything else, whatever it is called", async () => {
    expect(sniffImageType(Buffer.from("<!doctype html><html><script>alert(1)</script></html>"))).toBeNull();
    expect(sniffImageType(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.from("<svg onload=alert(1)>"))).toBeNull();
    expect(sniffImageType(Buffer.from("just some text pretending to be photo.jpg"))).toBeNull();
    expect(sniffImageType(await tiny().gif().toBuffer())).toBeNull();
    expect(sniffImageType(await tiny().tiff().toBuffer())).toBeNull();
    // MP4 video: an ftyp box, but not a HEIF brand.
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\0\0isommp41", "latin1")]);
    expect(sniffImageType(mp4)).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBeNull();
  });
});
