import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { decodeHeic, exifOrientation, hasHeifTransform, orient } from "@/lib/photos/heif";
import { processPhoto, PhotoRejectedError } from "@/lib/photos/process";
import { cameraJpeg, texturedImage } from "../fixtures/images";
import { heicFromJpeg, heicGrid } from "../fixtures/heic";

async function rejection(p: Promise<unknown>): Promise<PhotoRejectedError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(PhotoRejectedError);
  return e as PhotoRejectedError;
}

describe("HEIC and AVIF input", { timeout: 60_000 }, () => {
  it("a heif-enc HEIC with EXIF orientation 6 and GPS becomes upright renditions without metadata", async () => {
    const heic = await heicFromJpeg(await cameraJpeg(1600, 1200));
    expect(heic.includes(Buffer.from("AcmePhone"))).toBe(true); // the EXIF really is inside
    expect(hasHeifTransform(heic)).toBe(false);
    const out = await processPhoto(heic);
    expect(out.sourceFormat).toBe("heic");
    expect([out.width, out.height]).toEqual([1200, 1600]);
    for (const buf of [out.master, out.display, out.thumb]) {
      const m = await sharp(buf).metadata();
      expect(m.format).toBe("jpeg");
      expect(m.height! > m.width!).toBe(true);
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(buf.includes(Buffer.from("AcmePhone"))).toBe(false);
      expect(buf.includes(Buffer.from("GPS"))).toBe(false);
    }
    expect(out.quality.flags).not.toContain("low_resolution");
  });

  it("the YCbCr 4:2:0 path gives libheif's own RGB conversion, pixel for pixel (±1)", async () => {
    // alpha: true makes the thread ask libheif for RGBA (its own conversion); without it a 4:2:0
    // image comes out as planes converted by lib/photos/heic-pixels.ts (issue 14: less memory).
    const heic = await heicFromJpeg(await texturedImage(301, 203, 7).jpeg({ quality: 95 }).toBuffer(), 90); // odd sizes: a half chroma block at the edges
    const ours = await decodeHeic(heic, { maxPixels: 40_000_000 });
    const theirs = await decodeHeic(heic, { maxPixels: 40_000_000, alpha: true });
    expect([ours.width, ours.height, ours.channels, theirs.channels]).toEqual([301, 203, 3, 4]);
    let max = 0;
    for (let p = 0; p < 301 * 203; p++) for (let c = 0; c < 3; c++) max = Math.max(max, Math.abs(ours.data[p * 3 + c]! - theirs.data[p * 4 + c]!));
    expect(max).toBeLessThanOrEqual(1);
  });

  it("a tile grid (as iPhones write) decoded tile by tile gives libheif's whole-image RGB (±1) and the source picture", async () => {
    const source = texturedImage(700, 450, 3);
    const heic = await heicGrid(await source.clone().png().toBuffer(), 256, 90); // 3×2 tiles, the last column and row cropped
    const ours = await decodeHeic(heic, { maxPixels: 40_000_000 });
    const theirs = await decodeHeic(heic, { maxPixels: 40_000_000, alpha: true });
    expect([ours.width, ours.height]).toEqual([700, 450]);
    const original = await source.raw().toBuffer();
    let max = 0;
    let drift = 0;
    for (let p = 0; p < 700 * 450; p++) {
      for (let c = 0; c < 3; c++) {
        max = Math.max(max, Math.abs(ours.data[p * 3 + c]! - theirs.data[p * 4 + c]!));
        drift += Math.abs(ours.data[p * 3 + c]! - original[p * 3 + c]!);
      }
    }
    expect(max).toBeLessThanOrEqual(1);
    expect(drift / original.length).toBeLessThan(3); // every tile in its place (a misplaced one differs by tens)
  });

  it("the decoded HEIC matches the JPEG it came from, rotated the same way", async () => {
    const jpeg = await cameraJpeg(800, 600);
    const fromJpeg = await sharp(jpeg).autoOrient().resize(60, 80).raw().toBuffer();
    const fromHeic = await sharp((await processPhoto(await heicFromJpeg(jpeg, 90))).master).resize(60, 80).raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < fromJpeg.length; i++) diff += Math.abs(fromJpeg[i]! - fromHeic[i]!);
    expect(diff / fromJpeg.length).toBeLessThan(12); // same picture, same way up (a wrong turn differs by ~40)
  });

  it("an AVIF is decoded by sharp and processed like a JPEG", async () => {
    const avif = await texturedImage(1000, 800).avif({ quality: 50, effort: 0 }).toBuffer();
    const out = await processPhoto(avif);
    expect(out.sourceFormat).toBe("avif");
    expect([out.width, out.height]).toEqual([1000, 800]);
    expect((await sharp(out.master).metadata()).format).toBe("jpeg");
  });

  it("the decode thread refuses an image over the pixel limit from the container, before decoding", async () => {
    const heic = await heicFromJpeg(await texturedImage(1000, 800).jpeg().toBuffer());
    const e = await rejection(decodeHeic(heic, { maxPixels: 500_000 }));
    expect(e.reason).toMatch(/too large: 1000×800 pixels/);
    const ok = await decodeHeic(heic, { maxPixels: 1_000_000 });
    expect([ok.width, ok.height, ok.channels, ok.data.length]).toEqual([1000, 800, 3, 1000 * 800 * 3]);
    // RGBA only when asked for (an image with alpha), with the same colour values.
    const rgba = await decodeHeic(heic, { maxPixels: 1_000_000, alpha: true });
    expect([rgba.channels, rgba.data.length]).toEqual([4, 1000 * 800 * 4]);
    expect([...rgba.data.subarray(4000, 4003)]).toEqual([...ok.data.subarray(3000, 3003)]);
  });

  it("a time limit abandons a decode that runs too long", async () => {
    const heic = await heicFromJpeg(await texturedImage(1600, 1200).jpeg().toBuffer());
    const e = await rejection(decodeHeic(heic, { maxPixels: 40e6, timeoutMs: 1 }));
    expect(e.reason).toMatch(/took longer than/);
  });

  it("a truncated or fake HEIC is rejected with a reason, never a crash", async () => {
    const heic = await heicFromJpeg(await texturedImage(900, 700).jpeg().toBuffer());
    const truncated = heic.subarray(0, Math.floor(heic.length / 2));
    expect((await rejection(processPhoto(truncated))).reason).toMatch(/could not be|damaged/);
    expect((await rejection(decodeHeic(truncated, { maxPixels: 40e6 }))).reason).toMatch(/could not be decoded/);
    // An ftyp box claiming HEIC in front of JPEG bytes: the header disagrees with the brand.
    const fake = Buffer.concat([heic.subarray(0, 32), await texturedImage(100, 100).jpeg().toBuffer()]);
    await rejection(processPhoto(fake));
  });

  it("orient() matches sharp's EXIF auto-orientation for all eight orientations", async () => {
    const base = texturedImage(40, 24);
    for (let o = 1; o <= 8; o++) {
      const jpeg = await base.clone().png().toBuffer();
      const expected = await sharp(await sharp(jpeg).jpeg({ quality: 100 }).withMetadata({ orientation: o }).toBuffer()).autoOrient().raw().toBuffer({ resolveWithObject: true });
      const actual = await orient(sharp(await sharp(jpeg).jpeg({ quality: 100 }).toBuffer()), o).raw().toBuffer({ resolveWithObject: true });
      expect([actual.info.width, actual.info.height], `orientation ${o}`).toEqual([expected.info.width, expected.info.height]);
      expect(actual.data.equals(expected.data), `orientation ${o}`).toBe(true);
    }
  });

  it("reads the EXIF orientation tag in either byte order", async () => {
    for (const o of [1, 3, 6, 8]) {
      const m = await sharp(await texturedImage(20, 10).jpeg().withMetadata({ orientation: o }).toBuffer()).metadata();
      expect(exifOrientation(m.exif)).toBe(o);
    }
    expect(exifOrientation(undefined)).toBe(1);
    expect(exifOrientation(Buffer.from("Exif\0\0garbage"))).toBe(1);
    const be = Buffer.from([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0]);
    expect(exifOrientation(be)).toBe(8);
  });
});
