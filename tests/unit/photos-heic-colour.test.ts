/**
 * Display-P3 HEICs (SPEC §16): libheif hands over pixels in the image's own colour space and sharp
 * reads raw pixels as sRGB, so a P3 photo must be converted on the way (lib/photos/colour-to-srgb.mjs).
 * Expected values come from the P3 and sRGB primaries (ITU-R/SMPTE chromaticities), not from the
 * code under test. heif-enc 1.15 (this machine's) copies a JPEG's ICC profile into the HEIC (`prof`)
 * but writes no nclx box whatever its --colour_primaries flag says, so the nclx path (primaries 12 →
 * libvips's P3 profile) is tested on decoded pixels plus that profile.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { convertToSrgb, srgbConversion, srgbDecode, srgbEncode } from "@/lib/photos/colour-to-srgb.mjs";
import { displayP3Profile } from "@/lib/photos/heif";
import { processPhoto } from "@/lib/photos/process";
import { heicFromJpeg, jpegWithIccProfile } from "../fixtures/heic";

type M3 = number[][];
const mul = (a: M3, b: M3): M3 => a.map((row) => [0, 1, 2].map((j) => row[0]! * b[0]![j]! + row[1]! * b[1]![j]! + row[2]! * b[2]![j]!));
function inv(m: M3): M3 {
  const [[a, b, c], [d, e, f], [g, h, i]] = m as [[number, number, number], [number, number, number], [number, number, number]];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}
/** Linear RGB → XYZ for primaries (x, y) and white (x, y): the textbook construction. */
function rgbToXyz(primaries: [number, number][], white: [number, number]): M3 {
  const xyz = ([x, y]: [number, number]) => [x / y, 1, (1 - x - y) / y];
  const cols = primaries.map(xyz);
  const p: M3 = [0, 1, 2].map((r) => cols.map((c) => c[r]!));
  const s = mul(inv(p), xyz(white).map((v) => [v]));
  return p.map((row) => row.map((v, j) => v * s[j]![0]!));
}
const D65: [number, number] = [0.3127, 0.329];
const SRGB = rgbToXyz([[0.64, 0.33], [0.3, 0.6], [0.15, 0.06]], D65);
const P3 = rgbToXyz([[0.68, 0.32], [0.265, 0.69], [0.15, 0.06]], D65);
const P3_TO_SRGB = mul(inv(SRGB), P3);

/** The sRGB 8-bit value of the Display-P3 8-bit colour `p3` (both with the sRGB tone curve), clipped. */
function p3ToSrgb(p3: number[]): number[] {
  const lin = p3.map((v) => srgbDecode(v / 255));
  return P3_TO_SRGB.map((row) => Math.round(srgbEncode(Math.min(1, Math.max(0, row[0]! * lin[0]! + row[1]! * lin[1]! + row[2]! * lin[2]!))) * 255));
}
/** CIE76 ΔE between two sRGB 8-bit colours. */
function deltaE(a: number[], b: number[]): number {
  const lab = (c: number[]) => {
    const lin = c.map((v) => srgbDecode(v / 255));
    const w = [0.95047, 1, 1.08883];
    const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
    const [x, y, z] = SRGB.map((row, i) => f((row[0]! * lin[0]! + row[1]! * lin[1]! + row[2]! * lin[2]!) / w[i]!));
    return [116 * y! - 16, 500 * (x! - y!), 200 * (y! - z!)];
  };
  const [l1, l2] = [lab(a), lab(b)];
  return Math.hypot(l1[0]! - l2[0]!, l1[1]! - l2[1]!, l1[2]! - l2[2]!);
}

/** A saturated Display-P3 red-orange, inside the sRGB gamut once converted. */
const P3_COLOUR = [200, 60, 40];

describe("Display-P3 HEIC colour", { timeout: 60_000 }, () => {
  it("libvips's P3 profile converts with the P3→sRGB matrix of the primaries; an sRGB profile needs nothing", async () => {
    const conversion = srgbConversion(await displayP3Profile())!;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(conversion.matrix[i]![j]!).toBeCloseTo(P3_TO_SRGB[i]![j]!, 2);
    const srgbTagged = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } }).withIccProfile("srgb").png().toBuffer();
    expect(srgbConversion(new Uint8Array((await sharp(srgbTagged).metadata()).icc!))).toBeNull();
    expect(srgbConversion(null)).toBeNull();
    const truncated = (await displayP3Profile()).slice(0, 200); // tags point past the end
    expect(srgbConversion(truncated)).toBeNull();
  });

  it("nclx Display P3 (primaries 12): decoded pixels plus the P3 profile come out as the sRGB conversion of the colour", async () => {
    const pixels = new Uint8Array([...P3_COLOUR, ...P3_COLOUR, 255, 255, 255, 0, 0, 0]);
    convertToSrgb(pixels, 3, srgbConversion(await displayP3Profile())!);
    const expected = p3ToSrgb(P3_COLOUR);
    expect(deltaE([...pixels.subarray(0, 3)], expected)).toBeLessThan(1);
    expect([...pixels.subarray(6)]).toEqual([255, 255, 255, 0, 0, 0]); // white and black stay put
  });

  it("a HEIC carrying a Display-P3 ICC profile is stored as sRGB: its colour matches the conversion, not the untagged reading", async () => {
    const flat = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: P3_COLOUR[0]!, g: P3_COLOUR[1]!, b: P3_COLOUR[2]! } } }).jpeg({ quality: 98 }).toBuffer();
    const heic = await heicFromJpeg(jpegWithIccProfile(flat, await displayP3Profile()), 90);
    expect((await sharp(heic).metadata()).icc).toBeDefined(); // heif-enc kept the profile (colr prof)
    const out = await processPhoto(heic);
    const { data, info } = await sharp(out.master).raw().toBuffer({ resolveWithObject: true });
    const at = (32 * info.width + 32) * info.channels;
    const stored = [...data.subarray(at, at + 3)];
    expect((await sharp(out.master).metadata()).icc).toBeUndefined(); // still no metadata in the rendition
    expect(deltaE(stored, p3ToSrgb(P3_COLOUR))).toBeLessThan(2.5);
    expect(deltaE(stored, P3_COLOUR)).toBeGreaterThan(5); // what reading the pixels as sRGB gave
  });
});
