import { afterAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { restrictSharpLoaders, unrestrictSharpLoaders } from "@/lib/photos/loader-policy";
import { processPhoto } from "@/lib/photos/process";
import { texturedImage } from "../fixtures/images";

describe("restrictSharpLoaders", () => {
  afterAll(() => unrestrictSharpLoaders());

  it("leaves JPEG, PNG and WebP decodable and blocks every other loader", async () => {
    const base = sharp({ create: { width: 900, height: 700, channels: 3, background: "#a07060" } });
    const gif = await base.clone().gif().toBuffer();
    const tiff = await base.clone().tiff().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="700"/>');
    const jpeg = await texturedImage(900, 700).jpeg().toBuffer();
    const png = await base.clone().png().toBuffer();
    const webp = await base.clone().webp().toBuffer();
    expect((await sharp(gif).metadata()).format).toBe("gif"); // readable before

    restrictSharpLoaders();
    restrictSharpLoaders(); // idempotent

    for (const blocked of [gif, tiff, svg]) await expect(sharp(blocked).metadata()).rejects.toThrow();
    for (const ok of [jpeg, png, webp]) {
      const out = await processPhoto(ok);
      expect([out.width, out.height]).toEqual([900, 700]);
    }
  });
});
