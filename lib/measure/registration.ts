/**
 * Registration of two photos of one lesion for Compare (SPEC §15): the similarity transform that
 * carries the "moving" photo's master pixels onto the "reference" photo's, so both show the same
 * millimetres per screen pixel, turned the same way and centred on the same lesion. Photos taken
 * months apart differ in distance, rotation and framing; laid over each other raw, growth cannot
 * be judged.
 *
 * - Scale: the ratio of the two stickers' mm per pixel (each at its marker's centre).
 * - Rotation: the difference of the stickers' orientations (corners are stored in code order, so
 *   the same edge is compared on both). This assumes the sticker is stuck on the same way each
 *   time; the manual adjustment corrects it when it was not.
 * - Translation: the automatic lesion outlines' centroids meet; without both outlines, the photo
 *   centres do (a close-up is framed on its lesion).
 * Without a scale on either photo the start is the raw fit both panes always had (the moving photo
 * fitted into the reference's box, centred) and the dermatologist aligns by hand.
 *
 * Pure maths, no React; the Compare pane turns the result into CSS (`cssLayer`) and composes it
 * with the shared zoom and pan by nesting (see `zoomPanAffine`).
 */
import type { Point } from "./homography";
import type { PhotoMeasurement, PhotoScale } from "./types";

/** A 2-D affine map in CSS `matrix()` order: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Affine = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

/** `m` applied to `p`. */
export function applyAffine(m: Affine, p: Point): Point {
  return [m[0] * p[0] + m[2] * p[1] + m[4], m[1] * p[0] + m[3] * p[1] + m[5]];
}

/** `outer ∘ inner`: first `inner`, then `outer`. */
export function compose(outer: Affine, inner: Affine): Affine {
  const [a, b, c, d, e, f] = outer;
  const [A, B, C, D, E, F] = inner;
  return [a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f];
}

/** The inverse of `m` (which must not be singular). */
export function invert(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  if (Math.abs(det) < 1e-12) throw new Error("singular transform");
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/** Scale `s` and rotation `theta` (radians, clockwise on screen since y points down) about the origin, then a shift by `t`. */
export function similarity(s: number, theta: number, t: Point = [0, 0]): Affine {
  const cos = s * Math.cos(theta), sin = s * Math.sin(theta);
  return [cos, sin, -sin, cos, t[0], t[1]];
}

/** Scale and rotation of a similarity (the inverse of {@link similarity} for its linear part). */
export function decompose(m: Affine): { scale: number; rotationDeg: number } {
  return { scale: Math.hypot(m[0], m[1]), rotationDeg: (Math.atan2(m[1], m[0]) * 180) / Math.PI };
}

/**
 * Orientation of a sticker, radians: the direction of its top edge (corner 0 → 1) averaged with
 * the bottom edge (3 → 2), which cancels most of a tilt's keystone.
 */
export function markerAngle(corners: readonly Point[]): number {
  const [c0, c1, c2, c3] = corners as [Point, Point, Point, Point];
  return Math.atan2(c1[1] - c0[1] + (c2[1] - c3[1]), c1[0] - c0[0] + (c2[0] - c3[0]));
}

/** Area centroid of a simple polygon (the vertex mean when it has no area). */
export function polygonCentroid(outline: readonly Point[]): Point {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0; i < outline.length; i++) {
    const [x0, y0] = outline[i]!;
    const [x1, y1] = outline[(i + 1) % outline.length]!;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(a) < 1e-9) return [outline.reduce((s, p) => s + p[0], 0) / outline.length, outline.reduce((s, p) => s + p[1], 0) / outline.length];
  return [cx / (3 * a), cy / (3 * a)];
}

/** What registration reads of a photo (a PhotoDto fits). */
export interface RegistrationPhoto {
  width: number | null;
  height: number | null;
  scale: Pick<PhotoScale, "mmPerPixel" | "corners"> | null;
  measurement: Pick<PhotoMeasurement, "outline"> | null;
}

export interface Registration {
  /** Moving master pixels → reference master pixels. */
  transform: Affine;
  /** True when both photos have a sticker scale (equal mm per pixel); false: the raw fit, aligned by hand. */
  calibrated: boolean;
  /** What was put on top of each other: the lesion outlines' centroids or the photo centres. */
  anchor: "lesion" | "centre";
  /** Reference pixel the manual rotation and scaling turn about (the anchor on the reference). */
  pivot: Point;
}

type Sized = { width: number | null; height: number | null };
const size = (p: Sized): Point => [p.width ?? 1, p.height ?? 1];
const centre = (p: Sized): Point => [(p.width ?? 1) / 2, (p.height ?? 1) / 2];

/** The transform that lays `moving` over `reference` (see the module header for the rules). */
export function register(reference: RegistrationPhoto, moving: RegistrationPhoto): Registration {
  const lesion = reference.measurement && moving.measurement;
  const refAnchor = lesion ? polygonCentroid(reference.measurement!.outline) : centre(reference);
  const movAnchor = lesion ? polygonCentroid(moving.measurement!.outline) : centre(moving);
  let s: number, theta: number;
  if (reference.scale && moving.scale) {
    s = moving.scale.mmPerPixel / reference.scale.mmPerPixel;
    theta = markerAngle(reference.scale.corners) - markerAngle(moving.scale.corners);
  } else {
    const [rw, rh] = size(reference), [mw, mh] = size(moving);
    s = Math.min(rw / mw, rh / mh);
    theta = 0;
  }
  const calibrated = Boolean(reference.scale && moving.scale);
  // Without a scale the raw fit centres the photos, whatever the outlines say.
  const [from, to] = calibrated ? [movAnchor, refAnchor] : [centre(moving), centre(reference)];
  const linear = similarity(s, theta);
  const moved = applyAffine(linear, from);
  return {
    transform: similarity(s, theta, [to[0] - moved[0], to[1] - moved[1]]),
    calibrated,
    anchor: calibrated && lesion ? "lesion" : "centre",
    pivot: calibrated ? refAnchor : centre(reference),
  };
}

/** A correction by hand, in reference master pixels, turned and scaled about the registration's pivot. */
export interface ManualAlignment {
  dx: number;
  dy: number;
  rotationDeg: number;
  /** Multiplier, 1 = none. */
  scale: number;
}

export const NO_ADJUSTMENT: ManualAlignment = { dx: 0, dy: 0, rotationDeg: 0, scale: 1 };

/** True when the correction by hand changes anything. */
export function isAdjusted(m: ManualAlignment): boolean {
  return m.dx !== 0 || m.dy !== 0 || m.rotationDeg !== 0 || m.scale !== 1;
}

/** The registration with the correction by hand on top: shift ∘ (turn and scale about the pivot) ∘ registration. */
export function adjusted(reg: Registration, m: ManualAlignment): Affine {
  const [px, py] = reg.pivot;
  const about = compose([1, 0, 0, 1, px + m.dx, py + m.dy], compose(similarity(m.scale, (m.rotationDeg * Math.PI) / 180), [1, 0, 0, 1, -px, -py]));
  return compose(about, reg.transform);
}

/**
 * CSS for the moving layer, laid out at the reference box's top-left, `moving.width / reference.width`
 * of the box wide (so one of its master pixels is one reference master pixel before the transform),
 * with `transform-origin: 0 0`. The shift is written in percent of the layer's own size so the
 * result holds at any rendered size of the box.
 */
export function cssLayer(m: Affine, moving: Sized): string {
  const [mw, mh] = size(moving);
  const n = (v: number) => Number(v.toFixed(6));
  return `translate(${n((m[4] / mw) * 100)}%, ${n((m[5] / mh) * 100)}%) matrix(${n(m[0])}, ${n(m[1])}, ${n(m[2])}, ${n(m[3])}, 0, 0)`;
}

/**
 * The zoom and pan of components/review/use-zoom-pan.ts as a map of the box's own CSS pixels:
 * its `translate(x, y) scale(zoom)` with the default `transform-origin` (the box centre).
 */
export function zoomPanAffine(zp: { zoom: number; pan: { x: number; y: number } }, box: { width: number; height: number }): Affine {
  const cx = box.width / 2, cy = box.height / 2;
  return [zp.zoom, 0, 0, zp.zoom, cx + zp.pan.x - zp.zoom * cx, cy + zp.pan.y - zp.zoom * cy];
}

/**
 * Reference master pixels → the frame's screen pixels (relative to the unzoomed box's top-left),
 * for a box `box.width` CSS pixels wide showing a `referenceWidth`-pixel photo. Its inverse turns a
 * drag on screen into a shift in reference pixels.
 */
export function referenceToScreen(zp: { zoom: number; pan: { x: number; y: number } }, box: { width: number; height: number }, referenceWidth: number): Affine {
  const k = box.width / referenceWidth;
  return compose(zoomPanAffine(zp, box), [k, 0, 0, k, 0, 0]);
}

/** A shift of `delta` screen pixels (a drag) as a shift in reference master pixels, through the inverse of {@link referenceToScreen}. */
export function screenShiftToReference(zp: { zoom: number; pan: { x: number; y: number } }, box: { width: number; height: number }, referenceWidth: number, delta: Point): Point {
  const inv = invert(referenceToScreen(zp, box, referenceWidth));
  return applyAffine([inv[0], inv[1], inv[2], inv[3], 0, 0], delta);
}
