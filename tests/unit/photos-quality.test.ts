import { beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { processPhoto } from "@/lib/photos/process";
import { adviceFor, assessQuality, exposureStats, lumaOf, type PixelImage } from "@/lib/photos/quality";
import { estimateNoise, measureFocus } from "@/lib/photos/quality-focus";
import { measureTexture } from "@/lib/photos/quality-texture";
import { legacyFlags } from "@/lib/photos/quality-legacy";
import { PHOTO_FLAGS } from "@/lib/db/schema/enums";
import { prng } from "@/lib/prng";
import { degradations, noise, renderScene, type RawImage, type Scene } from "../../scripts/bench/quality-set";
import { solidImage, texturedImage } from "../fixtures/images";

const px = (img: RawImage): PixelImage => ({ data: img.data, width: img.width, height: img.height, channels: 3 });
const flagsOf = (img: RawImage) => assessQuality(px(img), { width: img.width, height: img.height }).flags;
const jpegOf = (img: RawImage, quality = 92) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).jpeg({ quality }).toBuffer();

describe("quality metrics (pure)", () => {
  it("estimates sensor noise and ignores a smooth gradient", () => {
    const rand = prng(3);
    const w = 200;
    const h = 150;
    const ramp = new Uint8Array(w * h).map((_, i) => Math.round(60 + (i % w) / 2));
    expect(estimateNoise({ data: ramp, width: w, height: h })).toBeLessThan(0.6);
    const noisy = ramp.map((v) => Math.max(0, Math.min(255, Math.round(v + 10 * Math.sqrt(-2 * Math.log(rand() + 1e-9)) * Math.cos(6.283 * rand())))));
    expect(estimateNoise({ data: noisy, width: w, height: h })).toBeGreaterThan(8);
    expect(estimateNoise({ data: noisy, width: w, height: h })).toBeLessThan(12);
  });

  it("measures a crisp step as narrow and the same step blurred as wide; a flat image has no edge", () => {
    const w = 300;
    const h = 200;
    const step = new Uint8Array(w * h).map((_, i) => ((i % w) + Math.floor(i / w) / 3 < 150 ? 60 : 180));
    const crisp = measureFocus({ data: step, width: w, height: h });
    expect(crisp.edgeWidth).toBeLessThan(5);
    const blurred = new Uint8Array(w * h);
    for (let i = 0; i < w * h; i++) {
      let s = 0;
      for (let k = -8; k <= 8; k++) s += step[Math.floor(i / w) * w + Math.min(w - 1, Math.max(0, (i % w) + k))]!;
      blurred[i] = Math.round(s / 17);
    }
    expect(measureFocus({ data: blurred, width: w, height: h }).edgeWidth).toBeGreaterThan(10);
    expect(measureFocus({ data: new Uint8Array(w * h).fill(128), width: w, height: h }).edgeWidth).toBeNull();
  });

  it("judges exposure on the skin, not on a white drape beside it", async () => {
    const scene = renderScene({ tone: "III", lesion: true, smooth: false, drape: "white", seed: 77 }, 512, 384);
    const e = exposureStats(px(scene));
    expect(e.skinBrightness).toBeGreaterThan(130);
    expect(e.skinBrightness).toBeLessThan(200);
    expect(e.brightness).toBeGreaterThan(e.skinBrightness); // the drape lifts the frame mean, not the skin
  });

  it("flags low resolution whichever way the photo is held", () => {
    const grey: PixelImage = { data: new Uint8Array(9).fill(128), width: 3, height: 3, channels: 1 };
    expect(assessQuality(grey, { width: 800, height: 600 }).flags).not.toContain("low_resolution");
    expect(assessQuality(grey, { width: 600, height: 800 }).flags).not.toContain("low_resolution");
    expect(assessQuality(grey, { width: 799, height: 600 }).flags).toContain("low_resolution");
    expect(assessQuality(grey, { width: 600, height: 799 }).flags).toContain("low_resolution");
    expect(assessQuality(grey, { width: 4000, height: 599 }).flags).toContain("low_resolution");
  });

  it("has plain-language advice for every flag", () => {
    for (const flag of PHOTO_FLAGS) expect(adviceFor(flag).length).toBeGreaterThan(20);
    expect(adviceFor("blurry")).toMatch(/^Blurry: hold the phone steady and tap the lesion to focus/);
  });
});

describe("labelled generated images (scripts/bench/quality-set.ts)", { timeout: 120_000 }, () => {
  const cases: [Scene, string[]][] = [
    [{ tone: "I", lesion: true, smooth: false, drape: "white", seed: 501 }, ["sharp", "gaussian-3.5", "motion-15", "under-0.25", "over-blown", "low-res", "dim-noisy", "blur-8px-noise"]],
    [{ tone: "IV", lesion: true, smooth: true, drape: "none", seed: 502 }, ["sharp", "jpeg-q8", "gaussian-6", "motion-9", "under-0.12", "over-strong", "dim-noisy"]],
    [{ tone: "VI", lesion: true, smooth: false, drape: "dark", seed: 503 }, ["sharp", "jpeg-q8", "gaussian-3.5", "motion-25", "under-0.25", "over-blown", "low-res", "dim-noisy", "blur-8px-noise"]],
  ];
  for (const [scene, names] of cases) {
    it(`tone ${scene.tone}: ${names.join(", ")} get exactly their labelled flags`, async () => {
      const base = renderScene(scene);
      for (const d of degradations(scene.tone).filter((x) => names.includes(x.name))) {
        const img = await d.apply(base, prng(scene.seed));
        expect([...flagsOf(img)].sort(), `${scene.tone} ${d.name}`).toEqual([...d.expected].sort());
      }
    });
  }

  it("sharp, well-exposed, smooth dark skin raises no flag (the old Laplacian threshold called it blurry)", () => {
    const vi = renderScene({ tone: "VI", lesion: false, smooth: true, drape: "none", seed: 504 });
    expect(flagsOf(vi)).toEqual([]);
    expect(legacyFlags(lumaOf(px(vi)), vi).flags).toContain("blurry");
  });
});

const withNoise = (img: RawImage, sigma: number, seed: number) => noise(img, sigma, prng(seed));

const blurOf = async (img: RawImage, sigma: number): Promise<RawImage> => ({
  ...img,
  data: await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).blur(sigma).raw().toBuffer(),
});

// Each case below was wrong with the first edge-width measure (round one of §16) or with the
// variance of the Laplacian before it; `npm run bench:quality` found them.
describe("failure cases found by the bench", { timeout: 120_000 }, () => {
  it("a sharp lesion on smooth light skin is not blurry: faint mottling inside the lesion is the skin's, not the lens's", () => {
    // Round one measured every edge above 1.5 levels/px here, the lesion's soft inner shading
    // among them, and read 8.6 px.
    for (const scene of [
      { tone: "I", lesion: true, smooth: true, drape: "none", seed: 1002 },
      { tone: "II", lesion: true, smooth: true, drape: "none", seed: 1010 },
    ] as const) {
      const q = assessQuality(px(renderScene(scene)), { width: 1024, height: 768 });
      expect(q.flags, scene.tone).toEqual([]);
      expect(q.edgeWidth!).toBeLessThan(5.5);
    }
  });

  it("a heavily compressed JPEG of sharp skin is not blurry (the codec's blocks are not defocus)", async () => {
    for (const scene of [
      { tone: "VI", lesion: true, smooth: false, drape: "none", seed: 1040 },
      { tone: "V", lesion: false, smooth: true, drape: "none", seed: 1038 },
    ] as const) {
      const img = await degradations(scene.tone).find((d) => d.name === "jpeg-q8")!.apply(renderScene(scene), prng(1));
      const q = assessQuality(px(img), img);
      expect(q.flags, scene.tone).toEqual([]);
      expect(q.blockiness).toBeGreaterThan(1.5);
    }
  });

  it("a lesion on dark skin, strongly defocused in a dim, noisy room, is blurry (and not called dark)", async () => {
    // The noise hides every edge at full size; round one then gave no focus verdict at all.
    const base = renderScene({ tone: "VI", lesion: true, smooth: false, drape: "none", seed: 1040 });
    const img = withNoise(await blurOf(base, 6), 8, 5);
    const q = assessQuality(px(img), img);
    expect(q.flags).toEqual(["blurry"]);
    expect(q.edgeWidth).toBeNull();
    expect(q.coarseEdgeWidth!).toBeGreaterThan(6.3);
    expect(legacyFlags(lumaOf(px(img)), img).flags).not.toContain("blurry"); // the noise fooled the Laplacian too
  });

  it("a long shake is blurry even though the edges along the motion stay sharp", async () => {
    const base = renderScene({ tone: "I", lesion: false, smooth: true, drape: "none", seed: 1006 });
    const shake = degradations("I").find((d) => d.name === "motion-25")!;
    const img = await shake.apply(base, prng(1006 * 31 + shake.name.length));
    const q = assessQuality(px(img), img);
    expect(q.flags).toEqual(["blurry"]);
    expect(q.directionBalance).toBeLessThan(0.12);
  });

  it("the same smooth skin, sharp but dim and noisy, is not blurry", () => {
    const img = withNoise(renderScene({ tone: "I", lesion: false, smooth: true, drape: "none", seed: 1006 }), 9, 7);
    expect(assessQuality(px(img), img).flags).not.toContain("blurry");
  });

  it("well-exposed dark and light skin raise no exposure flag (the whole-frame mean called them too dark and too bright)", () => {
    const dark = renderScene({ tone: "VI", lesion: false, smooth: false, drape: "dark", seed: 1045 });
    const light = renderScene({ tone: "I", lesion: false, smooth: false, drape: "none", seed: 1004 });
    expect(assessQuality(px(dark), dark).flags).toEqual([]);
    expect(assessQuality(px(light), light).flags).toEqual([]);
    expect(legacyFlags(lumaOf(px(dark)), dark).flags).toContain("underexposed");
    expect(legacyFlags(lumaOf(px(light)), light).flags).toContain("overexposed");
  });
});

// Round three: the skin texture's vote where edge width cannot decide. Each blurred case below
// came back with no flag before it (edge widths 5.2–5.8 px: plain skin's steepest edges are hairs).
describe("texture fall-off and isotropy (lib/photos/quality-texture.ts)", { timeout: 120_000 }, () => {
  const plain = (tone: Scene["tone"], seed: number, smooth = false): Scene => ({ tone, lesion: false, smooth, drape: "none", seed });
  const degraded = async (scene: Scene, name: string) => {
    const d = degradations(scene.tone).find((x) => x.name === name)!;
    // The same random draw (motion angle, noise) as scripts/bench/quality-set.ts's qualitySet.
    return d.apply(renderScene(scene), prng(scene.seed * 31 + d.name.length));
  };

  it("a σ 2 px defocus of plain light skin is blurry: the fine texture is gone though the hairs' edges look narrow", async () => {
    for (const scene of [plain("I", 1004), plain("II", 1012), plain("III", 1020)]) {
      const img = await degraded(scene, "gaussian-2");
      const q = assessQuality(px(img), img);
      expect(q.flags, scene.tone).toEqual(["blurry"]);
      expect(q.edgeWidth!, scene.tone).toBeLessThan(6.3); // edge width alone called it sharp
      expect(q.textureFalloff!, scene.tone).toBeLessThan(0.25);
    }
  });

  it("a 9–15 px shake of plain light skin is blurry: the fine texture survives in one direction only", async () => {
    for (const [scene, name] of [[plain("I", 1004), "motion-9"], [plain("II", 1012), "motion-9"], [plain("II", 1012), "motion-15"]] as const) {
      const img = await degraded(scene, name);
      const q = assessQuality(px(img), img);
      expect(q.flags, `${scene.tone} ${name}`).toEqual(["blurry"]);
      expect(q.textureIsotropy!, `${scene.tone} ${name}`).toBeLessThan(0.5);
    }
  });

  it("sharp plain skin of every tone, smooth or textured, keeps its texture and raises no flag", () => {
    for (const [k, tone] of (["I", "II", "III", "IV", "V", "VI"] as const).entries()) {
      for (const smooth of [false, true]) {
        const label = `${tone} ${smooth ? "smooth" : "textured"}`;
        const img = renderScene(plain(tone, 1004 + 8 * k + (smooth ? 2 : 0), smooth));
        const q = assessQuality(px(img), img);
        expect(q.flags, label).toEqual([]);
        // Smooth light skin's texture can be too faint to read (null: no vote), never read as lost.
        if (!smooth) expect(q.textureFalloff, label).not.toBeNull();
        if (q.textureFalloff !== null) expect(q.textureFalloff, label).toBeGreaterThan(0.3);
        if (q.textureIsotropy !== null) expect(q.textureIsotropy, label).toBeGreaterThan(0.6);
      }
    }
  });

  it("is a ratio: halving the skin's contrast leaves the fall-off and isotropy about where they were", () => {
    const img = renderScene(plain("III", 1020));
    const luma = lumaOf(px(img));
    const dim = { ...luma, data: luma.data.map((v) => Math.round(64 + (v - 64) / 2)) };
    const a = measureTexture(luma, null, estimateNoise(luma));
    const b = measureTexture(dim, null, estimateNoise(dim));
    expect(b.falloff! / a.falloff!).toBeGreaterThan(0.8);
    expect(b.falloff! / a.falloff!).toBeLessThan(1.25);
    expect(Math.abs(b.isotropy! - a.isotropy!)).toBeLessThan(0.1);
  });

  it("noise is taken out, not read as texture: pure noise gives no reading, and noise does not restore a blurred frame's fine band", async () => {
    const w = 512;
    const h = 384;
    const flat: RawImage = { data: Buffer.alloc(w * h * 3, 128), width: w, height: h };
    const pureNoise = lumaOf(px(withNoise(flat, 1.5, 11)));
    expect(measureTexture(pureNoise, null, estimateNoise(pureNoise))).toEqual({ falloff: null, isotropy: null });
    const texture = (img: RawImage) => {
      const luma = lumaOf(px(img));
      return measureTexture(luma, null, estimateNoise(luma));
    };
    const sharpSkin = renderScene(plain("I", 1004));
    const clean = texture(sharpSkin).falloff!;
    expect(texture(withNoise(sharpSkin, 1, 12)).falloff! / clean).toBeGreaterThan(0.9);
    expect(texture(withNoise(sharpSkin, 1, 12)).falloff! / clean).toBeLessThan(1.1);
    const blurredNoisy = texture(withNoise(await degraded(plain("I", 1004), "gaussian-2"), 1, 12)).falloff;
    expect(blurredNoisy === null || blurredNoisy < 0.25).toBe(true);
  });
});

describe("the issue's two failing examples, 3000×2250 through the pipeline", { timeout: 180_000 }, () => {
  let crisp: Buffer;
  let defocusedNoisy: Buffer;
  beforeAll(async () => {
    // A crisp-edged lesion on lightly textured (smooth) skin.
    const base = renderScene({ tone: "II", lesion: true, smooth: true, drape: "none", seed: 42 }, 3000, 2250);
    crisp = await jpegOf(base);
    // The same image defocused with an 8 px blur, then given sensor noise.
    const blurred = await sharp(crisp).blur(8).raw().toBuffer();
    const rand = prng(9);
    const noisy = Buffer.from(blurred.map((v) => Math.max(0, Math.min(255, Math.round(v + 8 * Math.sqrt(-2 * Math.log(rand() + 1e-9)) * Math.cos(6.283 * rand()))))));
    defocusedNoisy = await sharp(noisy, { raw: { width: 3000, height: 2250, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
  }, 120_000);

  it("a crisp lesion on lightly textured skin is not blurry", async () => {
    const q = (await processPhoto(crisp)).quality;
    expect(q.flags).not.toContain("blurry");
    expect(q.flags).toEqual([]);
  });

  it("8 px blur plus sensor noise is blurry", async () => {
    const q = (await processPhoto(defocusedNoisy)).quality;
    expect(q.flags).toContain("blurry");
    expect(q.noise).toBeGreaterThan(1);
  });
});

describe("quality flags through the pipeline", { timeout: 60_000 }, () => {
  it("a sharp textured photo raises no flag; a blurred copy is blurry and scores lower", async () => {
    const sharpJpeg = await texturedImage(1600, 1200).jpeg({ quality: 90 }).toBuffer();
    const good = await processPhoto(sharpJpeg);
    expect(good.quality.flags).toEqual([]);
    const blurred = await processPhoto(await sharp(sharpJpeg).blur(4).jpeg({ quality: 90 }).toBuffer());
    expect(blurred.quality.flags).toEqual(["blurry"]);
    expect(blurred.quality.sharpness).toBeLessThan(good.quality.sharpness);
  });

  it("a dark photo is underexposed and a white one overexposed", async () => {
    const dark = await processPhoto(await texturedImage(1600, 1200).linear(0.15, 0).jpeg().toBuffer());
    expect(dark.quality.flags).toContain("underexposed");
    expect(dark.quality.flags).not.toContain("overexposed");
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
