/**
 * The calibration sticker on rendered photos (SPEC §15): a known marker side, rotation, tilt, blur
 * and JPEG quality give a scale within tolerance; a photo without a marker, or with a marker of
 * another dictionary, gives no scale at all.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { homographyFromPoints, localScale, type Point } from "@/lib/measure/homography";
import { measurePhoto } from "@/lib/measure/measure-photo";
import { randomSpec, renderScene, type SceneSpec } from "../fixtures/measure-scene";

async function measure(spec: SceneSpec, view = "closeup") {
  const scene = await renderScene(spec);
  const { data, info } = await sharp(scene.jpeg).raw().toBuffer({ resolveWithObject: true });
  const result = await measurePhoto(
    { data, width: info.width, height: info.height, channels: 3 },
    { view, markerSideMm: spec.marker?.sideMm ?? 20, masterWidth: info.width, masterHeight: info.height },
  );
  return { scene, ...result };
}

/** mm per pixel at the marker's centre from the renderer's own corners. */
function trueMmPerPixel(corners: [number, number][], sideMm: number): number {
  const h = homographyFromPoints(corners as Point[], [[0, 0], [sideMm, 0], [sideMm, sideMm], [0, sideMm]]);
  const c: Point = [corners.reduce((s, p) => s + p[0], 0) / 4, corners.reduce((s, p) => s + p[1], 0) / 4];
  return localScale(h, c);
}

const cases: [string, Partial<SceneSpec>][] = [
  ["square on, sharp, JPEG 95, 8 px/mm", { rotationDeg: 0, tiltDeg: 0, blurSigma: 0, jpegQuality: 95, pxPerMm: 8 }],
  ["45° rotation, 20° tilt, σ 1.5, JPEG 70, 12 px/mm", { rotationDeg: 45, tiltDeg: 20, tiltAxisDeg: 30, blurSigma: 1.5, jpegQuality: 70, pxPerMm: 12 }],
  ["30° rotation, 15° tilt, σ 1, JPEG 80, 30 px/mm", { rotationDeg: 30, tiltDeg: 15, tiltAxisDeg: 120, blurSigma: 1, jpegQuality: 80, pxPerMm: 30 }],
  ["a 15 mm sticker set as 15 mm", { marker: { sideMm: 15, id: 7, dictionary: "ARUCO_MIP_36h12" }, pxPerMm: 14, tiltDeg: 10 }],
];

describe("marker scale", { timeout: 120_000 }, () => {
  it.each(cases)("%s → scale within 1 %", async (_, overrides) => {
    const spec = randomSpec(42, overrides);
    const { scene, scale } = await measure(spec);
    expect(scale).not.toBeNull();
    expect(scale!.markerId).toBe(spec.marker!.id);
    expect(scale!.confidence).toBeGreaterThanOrEqual(0.5);
    const truth = trueMmPerPixel(scene.truth.markerCornersPx!, spec.marker!.sideMm);
    expect(Math.abs(scale!.mmPerPixel / truth - 1)).toBeLessThan(0.01);
    // Corners land on the rendered ones, in code order.
    scale!.corners.forEach((p, i) => {
      const t = scene.truth.markerCornersPx![i]!;
      expect(Math.hypot(p[0] - t[0], p[1] - t[1])).toBeLessThan(1.5);
    });
  });

  it("without a marker the photo has no scale (and no measurement)", async () => {
    for (const seed of [3, 4]) {
      const { scale, measurement } = await measure(randomSpec(seed, { marker: null }));
      expect(scale).toBeNull();
      expect(measurement).toBeNull();
    }
  });

  it("a marker of another dictionary is not a scale", async () => {
    for (const marker of [
      { sideMm: 20, id: 11, dictionary: "APRILTAG_36h11" as const },
      { sideMm: 20, id: 5, dictionary: "ARUCO_4X4_1000" as const },
    ]) {
      const { scale } = await measure(randomSpec(9, { marker, tiltDeg: 5, blurSigma: 0.5 }));
      expect(scale).toBeNull();
    }
  });
});
