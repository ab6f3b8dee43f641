import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { processPhoto } from "@/lib/photos/process";
import { adviceFor, assessQuality, exposureStats, laplacianVariance } from "@/lib/photos/quality";
import { PHOTO_FLAGS } from "@/lib/db/schema/enums";
import { solidImage, texturedImage } from "../fixtures/images";

describe("quality metrics (pure)", () => {
  it("variance of the Laplacian is 0 on a flat image and large on a checkerboard", () => {
    const flat = { data: new Uint8Array(100).fill(128), width: 10, height: 10 };
    expect(laplacianVariance(flat)).toBe(0);
    const checker = new Uint8Array(100).map((_, i) => ((i % 10) + Math.floor(i / 10)) % 2 ? 255 : 0);
    expect(laplacianVariance({ data: checker, width: 10, height: 10 })).toBeGreaterThan(100_000);
  });

  it("measures brightness and clipping", () => {
    const data = new Uint8Array([0, 0, 255, 255, 128, 128, 128, 128, 3, 252]);
    const s = exposureStats({ data, width: 10, height: 1 });
    expect(s.brightness).toBeCloseTo((255 * 2 + 128 * 4 + 3 + 252) / 10);
    expect(s.clippedShadows).toBeCloseTo(0.3);
    expect(s.clippedHighlights).toBeCloseTo(0.3);
  });

  it("flags low resolution whichever way the photo is held", () => {
    const grey = { data: new Uint8Array(9).fill(128), width: 3, height: 3 };
    expect(assessQuality(grey, { width: 800, height: 600 }).flags).not.toContain("low_resolution");
    expect(assessQuality(grey, { width: 600, height: 800 }).flags).not.toContain("low_resolution");
    expect(assessQuality(grey, { width: 799, height: 600 }).flags).toContain("low_resolution");
    expect(assessQuality(grey, { width: 600, height: 799 }).flags).toContain("low_resolution");
    expect(assessQuality(grey, { width: 4000, height: 599 }).flags).toContain("low_resolution");
  });

  it("has plain-language advice for every flag", () => {
    for (const flag of PHOTO_FLAGS) expect(adviceFor(flag).length).toBeGreaterThan(20);
    expect(adviceFor("blurry")).toMatch(/^Blurry: hold the phone steady/);
  });
});

describe("quality flags through the pipeline", () => {
  it("a sharp textured photo raises no flag; a blurred copy is blurry", async () => {
    const sharpJpeg = await texturedImage(1600, 1200).jpeg({ quality: 90 }).toBuffer();
    const good = await processPhoto(sharpJpeg);
    expect(good.quality.flags).toEqual([]);
    expect(good.quality.sharpness).toBeGreaterThan(200);
    expect(good.quality.brightness).toBeGreaterThan(100);
    expect(good.quality.brightness).toBeLessThan(200);

    const blurredJpeg = await sharp(sharpJpeg).blur(3).jpeg({ quality: 90 }).toBuffer();
    const blurred = await processPhoto(blurredJpeg);
    expect(blurred.quality.flags).toEqual(["blurry"]);
    expect(blurred.quality.sharpness).toBeLessThan(good.quality.sharpness / 10);
  });

  it("a dark photo is underexposed and a white one overexposed", async () => {
    const dark = await processPhoto(await texturedImage(1600, 1200).linear(0.15, 0).jpeg().toBuffer());
    expect(dark.quality.flags).toContain("underexposed");
    expect(dark.quality.flags).not.toContain("overexposed");
    expect(dark.quality.brightness).toBeLessThan(50);

    const white = await processPhoto(await solidImage(1600, 1200, 255).jpeg().toBuffer());
    expect(white.quality.flags).toContain("overexposed");
    expect(white.quality.flags).not.toContain("underexposed");
    expect(white.quality.clippedHighlights).toBeGreaterThan(0.99);
  });

  it("a 640×480 photo is low_resolution, an 800×600 one is not", async () => {
    const small = await processPhoto(await texturedImage(640, 480).jpeg().toBuffer());
    expect(small.quality.flags).toEqual(["low_resolution"]);
    const ok = await processPhoto(await texturedImage(800, 600).jpeg().toBuffer());
    expect(ok.quality.flags).toEqual([]);
  });
});
