import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { processPhoto, PhotoRejectedError } from "@/lib/photos/process";
import { DISPLAY_EDGE, THUMB_EDGE } from "@/lib/photos/limits";
import { cameraJpeg, hugePngHeader, texturedImage } from "../fixtures/images";

async function expectRejected(bytes: Buffer, reason: RegExp): Promise<void> {
  const err = await processPhoto(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PhotoRejectedError);
  expect((err as PhotoRejectedError).reason).toMatch(reason);
}

describe("processPhoto", () => {
  it("orients upright and strips every metadata block from every rendition", async () => {
    const input = await cameraJpeg(1600, 1200);
    const before = await sharp(input).metadata();
    // The fixture really carries what must be removed.
    expect(before.orientation).toBe(6);
    expect(before.exif).toBeDefined();
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();
    expect(input.includes("AcmePhone")).toBe(true);
    expect(before.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer (LE)

    const out = await processPhoto(input);
    expect(out.width).toBe(1200);
    expect(out.height).toBe(1600);
    expect(out.sourceFormat).toBe("jpeg");
    expect(out.contentType).toBe("image/jpeg");

    const renditions = { master: out.master, display: out.display, thumb: out.thumb };
    for (const [name, buf] of Object.entries(renditions)) {
      const m = await sharp(buf).metadata();
      expect(m.format, name).toBe("jpeg");
      expect(m.height, name).toBeGreaterThan(m.width); // portrait: upright
      expect(m.orientation, name).toBeUndefined();
      expect(m.exif, name).toBeUndefined();
      expect(m.xmp, name).toBeUndefined();
      expect(m.iptc, name).toBeUndefined();
      expect(m.icc, name).toBeUndefined();
      expect(m.comments, name).toBeUndefined();
      expect(m.space, name).toBe("srgb");
      expect(buf.includes("AcmePhone"), name).toBe(false);
      expect(buf.includes("Dr Example"), name).toBe(false);
      expect(buf.includes("Exif\0\0"), name).toBe(false);
    }
    const master = await sharp(out.master).metadata();
    expect([master.width, master.height]).toEqual([1200, 1600]);
    const display = await sharp(out.display).metadata();
    expect(Math.max(display.width, display.height)).toBeLessThanOrEqual(DISPLAY_EDGE);
    expect([display.width, display.height]).toEqual([1200, 1600]); // never enlarged
    const thumb = await sharp(out.thumb).metadata();
    expect([thumb.width, thumb.height]).toEqual([240, THUMB_EDGE]);
  });

  it("rotates the pixels, not just the header: the top of the upright image is the stored left edge", async () => {
    // Stored landscape: left half black, right half white. Orientation 6 = rotate 90° clockwise,
    // so the stored left edge becomes the top.
    const w = 1000;
    const h = 800;
    const px = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) px.fill(255, (y * w + w / 2) * 3, (y * w + w) * 3);
    const input = await sharp(px, { raw: { width: w, height: h, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const out = await processPhoto(input);
    const { data, info } = await sharp(out.display).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([800, 1000]);
    expect(data[10 * info.width + 400]!).toBeLessThan(30); // top: black
    expect(data[(info.height - 10) * info.width + 400]!).toBeGreaterThan(225); // bottom: white
  });

  it("caps the display and thumbnail long edges on a large photo", async () => {
    const input = await texturedImage(3000, 2000).jpeg().toBuffer();
    const out = await processPhoto(input);
    expect([out.width, out.height]).toEqual([3000, 2000]);
    const display = await sharp(out.display).metadata();
    expect([display.width, display.height]).toEqual([DISPLAY_EDGE, 1365]);
    const thumb = await sharp(out.thumb).metadata();
    expect([thumb.width, thumb.height]).toEqual([THUMB_EDGE, 213]);
  });

  it("accepts PNG and WebP, flattening transparency onto white", async () => {
    const rgba = sharp({ create: { width: 900, height: 700, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } });
    for (const input of [await rgba.clone().png().toBuffer(), await rgba.clone().webp({ lossless: true }).toBuffer()]) {
      const out = await processPhoto(input);
      const stats = await sharp(out.master).stats();
      expect(stats.channels[0]!.mean).toBeGreaterThan(250);
      expect((await sharp(out.master).metadata()).channels).toBe(3);
    }
  });

  it("refuses a decompression bomb from its header, naming the size", async () => {
    await expectRejected(hugePngHeader(60_000, 60_000), /60000×60000.*limit is 40 megapixels/);
    // Just over the limit (40 000 001 px).
    await expectRejected(hugePngHeader(40_000_001, 1), /too large/);
  });

  it("refuses truncated and garbage files", async () => {
    const jpeg = await texturedImage(1200, 900).jpeg().toBuffer();
    await expectRejected(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), /damaged|incomplete/);
    const png = await texturedImage(1200, 900).png().toBuffer();
    await expectRejected(png.subarray(0, Math.floor(png.length * 0.5)), /damaged|incomplete/);
    await expectRejected(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]), /damaged|could not/);
    await expectRejected(Buffer.from("definitely not an image"), /not a JPEG, PNG, WebP, HEIC or AVIF/);
    await expectRejected(Buffer.alloc(0), /not a JPEG, PNG, WebP, HEIC or AVIF/);
  });

  it("refuses formats outside the allow-list even when sharp could read them", async () => {
    const tiny = sharp({ create: { width: 900, height: 700, channels: 3, background: "#888" } });
    await expectRejected(await tiny.clone().gif().toBuffer(), /not a JPEG, PNG, WebP, HEIC or AVIF/);
    await expectRejected(await tiny.clone().tiff().toBuffer(), /not a JPEG, PNG, WebP, HEIC or AVIF/);
    await expectRejected(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="700"/>'), /not a JPEG/);
  });
});
