/**
 * Registration of two photos for Compare (lib/measure/registration.ts): a moving photo made from
 * the reference by a known similarity (half the scale, turned 30°, shifted) gives back exactly
 * that similarity's inverse from the stickers' corners, scales and the lesion outlines; the CSS it
 * becomes, nested in the shared zoom and pan the way the Compare pane nests it, puts the moving
 * lesion where the reference lesion is on screen; without a scale it is the raw fit, corrected by hand.
 */
import { describe, expect, it } from "vitest";
import type { Point } from "@/lib/measure/homography";
import {
  adjusted,
  applyAffine,
  compose,
  cssLayer,
  decompose,
  invert,
  markerAngle,
  NO_ADJUSTMENT,
  polygonCentroid,
  referenceToScreen,
  register,
  screenShiftToReference,
  similarity,
  zoomPanAffine,
  type Affine,
  type RegistrationPhoto,
} from "@/lib/measure/registration";

const deg = Math.PI / 180;
const square = (x: number, y: number, side: number): Point[] => [[x, y], [x + side, y], [x + side, y + side], [x, y + side]];
const lesion = (cx: number, cy: number, r: number): Point[] => Array.from({ length: 36 }, (_, i) => [cx + r * Math.cos(i * 10 * deg), cy + r * 0.7 * Math.sin(i * 10 * deg)] as Point);

/** A 20 mm sticker of 200 px at 0.1 mm/px, the lesion at (700, 500), on a 1200 × 900 photo. */
const reference: RegistrationPhoto = { width: 1200, height: 900, scale: { mmPerPixel: 0.1, corners: square(200, 300, 200) }, measurement: { outline: lesion(700, 500, 60) } };

/** The same skin photographed from twice as far, the camera turned by 30°, framed elsewhere. */
const G = similarity(0.5, 30 * deg, [400, 80]);
const moving: RegistrationPhoto = {
  width: 1000,
  height: 750,
  scale: { mmPerPixel: 0.2, corners: reference.scale!.corners.map((p) => applyAffine(G, p)) },
  measurement: { outline: reference.measurement!.outline.map((p) => applyAffine(G, p)) },
};

function expectAffine(actual: Affine, expected: Affine, digits = 6) {
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, digits));
}

/** What the browser does with the pane's nesting: the layer's CSS (origin 0 0) inside the box's zoom and pan. */
function cssToAffine(css: string, layer: { width: number; height: number }): Affine {
  const m = /^translate\((-?[\d.e-]+)%, (-?[\d.e-]+)%\) matrix\(([^)]+)\)$/.exec(css);
  if (!m) throw new Error(`unexpected CSS ${css}`);
  const [a, b, c, d] = m[3]!.split(",").map(Number) as [number, number, number, number];
  return [a, b, c, d, (Number(m[1]) / 100) * layer.width, (Number(m[2]) / 100) * layer.height];
}

describe("photo registration", () => {
  it("reads the sticker's orientation from its corners in code order", () => {
    expect(markerAngle(square(0, 0, 10))).toBeCloseTo(0, 9);
    expect(markerAngle(reference.scale!.corners.map((p) => applyAffine(similarity(1, 30 * deg), p)))).toBeCloseTo(30 * deg, 9);
    // A sticker seen upside down (code corner 0 at the bottom right) points the other way.
    expect(Math.abs(markerAngle([[10, 10], [0, 10], [0, 0], [10, 0]]))).toBeCloseTo(Math.PI, 9);
  });

  it("finds the area centroid of an outline", () => {
    const [x, y] = polygonCentroid([[0, 0], [4, 0], [4, 2], [0, 2]]);
    expect(x).toBeCloseTo(2, 9);
    expect(y).toBeCloseTo(1, 9);
  });

  it("known sticker corners and scales give the known similarity, aligned on the lesion", () => {
    const reg = register(reference, moving);
    expect(reg.calibrated).toBe(true);
    expect(reg.anchor).toBe("lesion");
    expectAffine(reg.transform, invert(G));
    const { scale, rotationDeg } = decompose(reg.transform);
    expect(scale).toBeCloseTo(2, 9);
    expect(rotationDeg).toBeCloseTo(-30, 9);
    // Every moving sticker corner lands on its reference corner: the same mm per pixel, the same way up.
    moving.scale!.corners.forEach((p, i) => {
      const [x, y] = applyAffine(reg.transform, p);
      expect(x).toBeCloseTo(reference.scale!.corners[i]![0], 6);
      expect(y).toBeCloseTo(reference.scale!.corners[i]![1], 6);
    });
    expect(reg.pivot[0]).toBeCloseTo(700, 6);
    expect(reg.pivot[1]).toBeCloseTo(500, 6);
  });

  it("centres the photos when an outline is missing", () => {
    const reg = register(reference, { ...moving, measurement: null });
    expect(reg.anchor).toBe("centre");
    const [x, y] = applyAffine(reg.transform, [500, 375]);
    expect(x).toBeCloseTo(600, 6);
    expect(y).toBeCloseTo(450, 6);
    expect(decompose(reg.transform).scale).toBeCloseTo(2, 9);
  });

  it("without a scale on either photo, starts from the raw fit and takes the correction by hand", () => {
    const reg = register(reference, { ...moving, scale: null, measurement: null });
    expect(reg.calibrated).toBe(false);
    expectAffine(reg.transform, [1.2, 0, 0, 1.2, 0, 0]); // 1000 × 750 fitted into 1200 × 900
    const turned = adjusted(reg, { dx: 10, dy: -5, rotationDeg: 90, scale: 1 });
    // The pivot (the reference centre) only moves by the shift; the turn is about it.
    const [x, y] = applyAffine(turned, [500, 375]);
    expect(x).toBeCloseTo(610, 6);
    expect(y).toBeCloseTo(445, 6);
    expect(decompose(turned).rotationDeg).toBeCloseTo(90, 6);
    expectAffine(adjusted(reg, NO_ADJUSTMENT), reg.transform);
  });

  it("composes with zoom and pan: on screen the moving lesion sits where the reference lesion sits, at any zoom", () => {
    const box = { width: 600, height: 450 }; // the reference photo's box on screen, 0.5 CSS px per master px
    const reg = register(reference, moving);
    const k = box.width / reference.width!;
    const layer = { width: moving.width! * k, height: moving.height! * k }; // the layer's CSS size before its transform
    for (const zp of [{ zoom: 1, pan: { x: 0, y: 0 } }, { zoom: 2.25, pan: { x: 60, y: -120 } }]) {
      const screenOfReference = referenceToScreen(zp, box, reference.width!);
      // Nested like the pane: zoom-pan(box) ∘ layer CSS ∘ (moving master px → layer CSS px).
      const nested = compose(zoomPanAffine(zp, box), compose(cssToAffine(cssLayer(reg.transform, moving), layer), [k, 0, 0, k, 0, 0]));
      for (const [i, p] of moving.scale!.corners.entries()) {
        const [x, y] = applyAffine(nested, p);
        const [rx, ry] = applyAffine(screenOfReference, reference.scale!.corners[i]!);
        expect(x).toBeCloseTo(rx, 3);
        expect(y).toBeCloseTo(ry, 3);
      }
    }
  });

  it("turns a drag on screen into a shift in reference pixels through the inverse", () => {
    const zp = { zoom: 2, pan: { x: 30, y: 0 } };
    const [dx, dy] = screenShiftToReference(zp, { width: 600, height: 450 }, 1200, [10, -4]);
    expect(dx).toBeCloseTo(10, 9); // zoom 2 × 0.5 CSS px per master px: one screen px is one master px
    expect(dy).toBeCloseTo(-4, 9);
    const [fx] = screenShiftToReference({ zoom: 1, pan: { x: 0, y: 0 } }, { width: 600, height: 450 }, 1200, [10, 0]);
    expect(fx).toBeCloseTo(20, 9);
  });
});
