/**
 * Finds the calibration sticker (ArUco `ARUCO_MIP_36h12`, SPEC §15) and turns it into a scale.
 *
 * - js-aruco2 finds candidate markers on a small grey copy (long edge about {@link SEARCH_EDGE},
 *   an integer box shrink of the pipeline's 1024 px quality copy in one pass; the lesion search
 *   reuses it): cheap, and a 20 mm marker on a close-up is still 60–150 px there (a sticker must span at
 *   least about a tenth of the frame's long edge to be found). The detector is fed the grey copy
 *   directly (its own steps after its RGBA → grey conversion, into typed buffers).
 * - Its integer contour corners are then refined on the working pixels, read point by point
 *   (only the few thousand points the edge profiles and cells need): each of the four outer
 *   edges is located at sub-pixel precision (the mid-level crossing between black border and white
 *   paper, sampled along the edge normal at dozens of points), a line is fitted to each, and the
 *   corners are the lines' intersections. A blurred step crosses its mid-level at the true edge,
 *   so blur does not bias the side.
 * - The refined quad is read again cell by cell. Only an exact code of the dictionary (or one bit
 *   off) with clear black/white contrast, straight edges and a plausible shape counts; anything
 *   else is no scale at all, never a guess.
 */
import { createRequire } from "node:module";
import { MARKER_BITS, MARKER_CELLS, MARKER_CODES, matchCode } from "./dictionary";
import { applyHomography, homographyFromPoints, type Homography, type Point } from "./homography";
import { greyCrop, sampleRgb, type GreyImage, type RgbImage, type SearchCopy } from "./image";

/** Long edge of the copy js-aruco2 searches. */
export const SEARCH_EDGE = 480;
/** Below this confidence a detection is not trusted (scale null). */
export const MIN_CONFIDENCE = 0.5;

type ArMarker = { id: number; corners: { x: number; y: number }[]; hammingDistance: number };
type CvImage = { width: number; height: number; data: ArrayLike<number> };
type Candidate = { x: number; y: number }[];
/** The steps of js-aruco2@2.0.0's `Detector.detect` after its grayscale conversion. */
type ArDetector = {
  grey: CvImage;
  thres: CvImage;
  binary: ArrayLike<number>;
  findCandidates(contours: unknown[], minSize: number, epsilon: number, minLength: number): Candidate[];
  clockwiseCorners(c: Candidate[]): Candidate[];
  notTooNear(c: Candidate[], minDist: number): Candidate[];
  findMarkers(grey: CvImage, c: Candidate[], warpSize: number): ArMarker[];
};
type Cv = {
  Image: new (w: number, h: number, data: ArrayLike<number>) => CvImage;
  adaptiveThreshold(src: CvImage, dst: CvImage, kernelSize: number, threshold: number): void;
  findContours(src: CvImage, binary: ArrayLike<number>): unknown[];
};
const require = createRequire(import.meta.url);
const { AR } = require("js-aruco2") as { AR: { Detector: new (c: object) => ArDetector } };
const { CV } = require("js-aruco2/src/cv") as { CV: Cv };
// Accept candidates at most 1 bit from a code; the refined re-read below decides.
const detector = new AR.Detector({ dictionaryName: "ARUCO_MIP_36h12", maxHammingDistance: 2 });

/** js-aruco2's detect() on a grey image (same parameters), with buffers sized to it. */
function detectGrey(g: GreyImage): ArMarker[] {
  const { width, height } = g;
  detector.grey = new CV.Image(width, height, g.data);
  detector.thres = new CV.Image(width, height, new Uint8Array(width * height));
  detector.binary = new Int32Array((width + 2) * (height + 2));
  CV.adaptiveThreshold(detector.grey, detector.thres, 2, 7);
  const contours = CV.findContours(detector.thres, detector.binary);
  let candidates = detector.findCandidates(contours, width * 0.01, 0.05, 10);
  candidates = detector.notTooNear(detector.clockwiseCorners(candidates), 10);
  return detector.findMarkers(detector.grey, candidates, 49);
}

export interface MarkerFit {
  id: number;
  /** Outer corners of the black square in working-image coordinates, in code order. */
  corners: Point[];
  /** Working image → marker plane in millimetres. */
  toMm: Homography;
  sidePx: number;
  confidence: number;
  /** Why confidence is what it is (for the bench and logs; no PHI). */
  diagnostics: { hamming: number; bitMargin: number; edgeRmsPx: number; shape: number };
}

/**
 * The grey search copy: an integer box shrink, to a long edge near {@link SEARCH_EDGE}, of
 * `preview` (a smaller copy of `img` the caller already has, such as the pipeline's quality copy:
 * a quarter of the pixels to read) or else of `img` itself.
 */
export function searchCopy(img: RgbImage, preview?: RgbImage): SearchCopy {
  const src = preview && preview.width <= img.width ? preview : img;
  const shrink = Math.max(1, Math.round(Math.max(src.width, src.height) / SEARCH_EDGE));
  const grey = greyCrop(src, { left: 0, top: 0, width: src.width, height: src.height }, 1 / shrink);
  // greyCrop drops the last partial block, so a copy pixel is exactly `shrink` source pixels.
  return { grey, factor: (shrink * img.width) / src.width };
}

/** Detect and refine the marker in `img`; null when there is none or it is not trustworthy. */
export function findMarker(img: RgbImage, search: SearchCopy, markerSideMm: number): MarkerFit | null {
  const k = search.factor;
  const candidates = detectGrey(search.grey)
    .map((m) => ({ m, corners: m.corners.map((c) => [(c.x + 0.5) * k, (c.y + 0.5) * k] as Point) }))
    .sort((a, b) => perimeter(b.corners) - perimeter(a.corners));
  for (const { corners } of candidates.slice(0, 3)) {
    const fit = refine(img, corners, markerSideMm);
    if (fit && fit.confidence >= MIN_CONFIDENCE) return fit;
  }
  return null;
}

function perimeter(q: Point[]): number {
  let s = 0;
  for (let i = 0; i < 4; i++) s += Math.hypot(q[(i + 1) % 4]![0] - q[i]![0], q[(i + 1) % 4]![1] - q[i]![1]);
  return s;
}

function refine(img: RgbImage, coarse: Point[], markerSideMm: number): MarkerFit | null {
  const side = perimeter(coarse) / 4;
  if (side < 24) return null;
  let quad = coarse;
  let rms = Infinity;
  // Two passes: a coarse one half a cell either side, then a fine one a few pixels either side.
  const cellPx = side / MARKER_CELLS;
  for (const [reach, step] of [[0.55 * cellPx, Math.max(0.25, (0.55 * cellPx) / 12)], [Math.min(0.3 * cellPx, 4), 0.25]] as const) {
    const next = refineQuad(img, quad, reach, step);
    if (!next) return null;
    quad = next.quad;
    rms = next.rms;
  }
  const read = readCells(img, quad);
  if (!read) return null;
  const match = matchCode(read.bits);
  if (match.distance > 1) return null;
  // Put corner 0 at the code's top-left so ids and corners mean the same on every photo.
  const corners = [0, 1, 2, 3].map((i) => quad[(i + 4 - match.rotation) % 4]!);
  const sides = [0, 1, 2, 3].map((i) => Math.hypot(corners[(i + 1) % 4]![0] - corners[i]![0], corners[(i + 1) % 4]![1] - corners[i]![1]));
  const shape = Math.min(sides[0]! / sides[2]!, sides[2]! / sides[0]!) * Math.min(sides[1]! / sides[3]!, sides[3]! / sides[1]!);
  const s = markerSideMm;
  const toMm = homographyFromPoints(corners, [[0, 0], [s, 0], [s, s], [0, s]]);
  const confidence =
    (match.distance === 0 ? 1 : 0.75) *
    ramp(read.margin, 0.15, 0.45) *
    ramp(-rms, -1.2, -0.35) *
    ramp(shape, 0.35, 0.6) *
    ramp(sides.reduce((a, b) => a + b, 0) / 4, 24, 60);
  return {
    id: match.id,
    corners,
    toMm,
    sidePx: sides.reduce((a, b) => a + b, 0) / 4,
    confidence: Math.round(confidence * 1000) / 1000,
    diagnostics: { hamming: match.distance, bitMargin: read.margin, edgeRmsPx: rms, shape },
  };
}

/** 0 below `lo`, 1 above `hi`, linear between. */
function ramp(v: number, lo: number, hi: number): number {
  return Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
}

/**
 * Locate each edge of `quad` at sub-pixel precision and intersect the fitted lines. `reach` is
 * how far either side of the current edge to look and `step` the sampling step, in working pixels.
 */
function refineQuad(img: RgbImage, quad: Point[], reach: number, step: number): { quad: Point[]; rms: number } | null {
  const cx = quad.reduce((s, p) => s + p[0], 0) / 4, cy = quad.reduce((s, p) => s + p[1], 0) / 4;
  const lines: { p: Point; d: Point }[] = [];
  let sq = 0, nPts = 0;
  for (let e = 0; e < 4; e++) {
    const a = quad[e]!, b = quad[(e + 1) % 4]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const d: Point = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
    let n: Point = [-d[1], d[0]];
    // Outward normal: away from the quad's centre.
    if (((a[0] + b[0]) / 2 - cx) * n[0] + ((a[1] + b[1]) / 2 - cy) * n[1] < 0) n = [-n[0], -n[1]];
    const L = Math.max(2, reach);
    const samples = Math.max(12, Math.min(48, Math.round(len / 3)));
    const pts: Point[] = [];
    for (let k = 0; k < samples; k++) {
      const t = 0.1 + (0.8 * (k + 0.5)) / samples;
      const base: Point = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      const off = edgeCrossing(img, base, n, L, step);
      if (off !== null) pts.push([base[0] + n[0] * off, base[1] + n[1] * off]);
    }
    if (pts.length < samples * 0.5) return null;
    const line = fitLine(pts);
    if (!line) return null;
    lines.push(line);
    sq += line.sq;
    nPts += line.n;
  }
  const out: Point[] = [];
  for (let i = 0; i < 4; i++) {
    const p = intersect(lines[(i + 3) % 4]!, lines[i]!);
    if (!p) return null;
    out.push(p);
  }
  return { quad: out, rms: Math.sqrt(sq / Math.max(1, nPts)) };
}

/** Offset along `n` (within ±L) where the profile crosses midway from dark (inside) to light (outside). */
function edgeCrossing(img: RgbImage, base: Point, n: Point, L: number, step: number): number | null {
  const count = Math.floor((2 * L) / step) + 1;
  const prof = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const o = -L + k * step;
    const v = sampleRgb(img, base[0] + n[0] * o, base[1] + n[1] * o);
    if (Number.isNaN(v)) return null;
    prof[k] = v;
  }
  const q = Math.max(1, Math.floor(count / 5));
  let dark = 0, light = 0;
  for (let k = 0; k < q; k++) { dark += prof[k]!; light += prof[count - 1 - k]!; }
  dark /= q; light /= q;
  if (light - dark < 30) return null;
  const level = (dark + light) / 2;
  let best: number | null = null;
  for (let k = 0; k + 1 < count; k++) {
    const v0 = prof[k]!, v1 = prof[k + 1]!;
    if (v0 < level && v1 >= level) {
      const o = -L + (k + (level - v0) / (v1 - v0)) * step;
      if (best === null || Math.abs(o) < Math.abs(best)) best = o;
    }
  }
  return best;
}

/** Total-least-squares line with one round of outlier rejection. */
function fitLine(pts: Point[]): { p: Point; d: Point; sq: number; n: number } | null {
  let use = pts;
  let res: { p: Point; d: Point; sq: number; n: number } | null = null;
  for (let round = 0; round < 2; round++) {
    const n = use.length;
    if (n < 6) return null;
    let mx = 0, my = 0;
    for (const [x, y] of use) { mx += x; my += y; }
    mx /= n; my /= n;
    let sxx = 0, sxy = 0, syy = 0;
    for (const [x, y] of use) { sxx += (x - mx) ** 2; sxy += (x - mx) * (y - my); syy += (y - my) ** 2; }
    const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
    const d: Point = [Math.cos(theta), Math.sin(theta)];
    const dist = (q: Point) => Math.abs((q[0] - mx) * -d[1] + (q[1] - my) * d[0]);
    let sq = 0;
    for (const q of use) sq += dist(q) ** 2;
    res = { p: [mx, my], d, sq, n };
    const sorted = use.map(dist).sort((a, b) => a - b);
    const cut = Math.max(0.5, 3 * sorted[Math.floor(sorted.length / 2)]!);
    const kept = use.filter((q) => dist(q) <= cut);
    if (kept.length === use.length) break;
    use = kept;
  }
  return res;
}

function intersect(l1: { p: Point; d: Point }, l2: { p: Point; d: Point }): Point | null {
  const den = l1.d[0] * l2.d[1] - l1.d[1] * l2.d[0];
  if (Math.abs(den) < 1e-6) return null;
  const t = ((l2.p[0] - l1.p[0]) * l2.d[1] - (l2.p[1] - l1.p[1]) * l2.d[0]) / den;
  return [l1.p[0] + l1.d[0] * t, l1.p[1] + l1.d[1] * t];
}

/**
 * Read the 8×8 cells through the quad's homography: border must be black, the 6×6 bits are the
 * code. `margin` is the worst cell's distance from the black/white threshold over half the
 * black-to-white contrast (1 = perfectly clear, 0 = undecidable).
 */
function readCells(img: RgbImage, quad: Point[]): { bits: Uint8Array; margin: number } | null {
  const n = MARKER_CELLS;
  const h = homographyFromPoints([[0, 0], [n, 0], [n, n], [0, n]], quad);
  const values = new Float64Array(n * n);
  for (let cy = 0; cy < n; cy++) for (let cx = 0; cx < n; cx++) {
    let s = 0, c = 0;
    for (let j = 0; j < 3; j++) for (let i = 0; i < 3; i++) {
      const [x, y] = applyHomography(h, [cx + 0.3 + 0.2 * i, cy + 0.3 + 0.2 * j]);
      const v = sampleRgb(img, x, y);
      if (Number.isNaN(v)) return null;
      s += v; c++;
    }
    values[cy * n + cx] = s / c;
  }
  // Black reference: the border ring; white reference: the paper just outside the square.
  let black = 0, nb = 0;
  for (let cy = 0; cy < n; cy++) for (let cx = 0; cx < n; cx++) {
    if (cx === 0 || cy === 0 || cx === n - 1 || cy === n - 1) { black += values[cy * n + cx]!; nb++; }
  }
  black /= nb;
  let white = 0, nw = 0;
  for (let k = 0; k < n; k++) {
    for (const [x, y] of [[k + 0.5, -0.35], [k + 0.5, n + 0.35], [-0.35, k + 0.5], [n + 0.35, k + 0.5]] as Point[]) {
      const [px, py] = applyHomography(h, [x, y]);
      const v = sampleRgb(img, px, py);
      if (!Number.isNaN(v)) { white += v; nw++; }
    }
  }
  if (nw < n * 2) return null;
  white /= nw;
  if (white - black < 40) return null;
  const thr = (black + white) / 2, half = (white - black) / 2;
  let margin = Infinity;
  const bits = new Uint8Array(MARKER_BITS * MARKER_BITS);
  for (let cy = 0; cy < n; cy++) for (let cx = 0; cx < n; cx++) {
    const v = values[cy * n + cx]!;
    const border = cx === 0 || cy === 0 || cx === n - 1 || cy === n - 1;
    if (border && v > thr) return null;
    if (!border) bits[(cy - 1) * MARKER_BITS + (cx - 1)] = v > thr ? 1 : 0;
    margin = Math.min(margin, Math.abs(v - thr) / half);
  }
  return { bits, margin };
}

export { MARKER_CODES };
