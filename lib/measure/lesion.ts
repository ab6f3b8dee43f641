/**
 * Automatic lesion outline on a close-up or dermoscopy photo that has a scale (SPEC §15).
 *
 * 1. Find it coarse, on the small search copy: pixels clearly darker than the skin (median of the
 *    frame with the sticker masked out), opened to drop hair, the largest connected blob that
 *    does not touch the frame edge (a dermatoscope's dark vignette does; so does a lesion cut off
 *    by the frame, which cannot be measured).
 * 2. Refine on the working pixels in a crop around it, downscaled so the lesion spans about
 *    {@link REFINE_SPAN} px (relative precision is what matters, and it bounds the time): a grey
 *    closing wider than a hair removes hairs, then rays from the centre find the outermost
 *    dark-to-light crossing, and each is moved to where the profile crosses midway between the
 *    skin just outside and the lesion just inside. A blurred step crosses its mid-level at the
 *    true edge, so blur does not shrink or grow the outline.
 * 3. The outline is mapped through the marker's homography into the skin plane in millimetres,
 *    where the longest diameter and the area are measured (tilt corrected).
 */
import { applyHomography, type Homography, type Point } from "./homography";
import { fromCrop, greyCrop, sample, type GreyCrop, type GreyImage, type RgbImage, type SearchCopy } from "./image";
import { binaryOpen, dilate, erode, otsu } from "./morphology";

export const REFINE_SPAN = 180;
const RAYS = 180;
/** Half-width of the hair filter: hairs are 0.05–0.15 mm, wider once blurred. */
export const HAIR_MM = 0.15;
/** A ray this many times beyond its neighbours' median is a spike (see trimSpikes). */
const SPIKE = 1.15;
const SPIKE_WINDOW = 8;

export interface LesionOutline {
  /** Outline in working-image coordinates. */
  polygon: Point[];
  longestDiameterMm: number;
  areaMm2: number;
  /** End points of the longest diameter, working-image coordinates. */
  diameterEnds: [Point, Point];
  confidence: number;
}

export function outlineLesion(
  img: RgbImage,
  search: SearchCopy,
  markerQuad: Point[],
  toMm: Homography,
): LesionOutline | null {
  const f = search.factor;
  const maskQuad = expandQuad(markerQuad.map(([x, y]) => [x / f, y / f] as Point), 1.45);
  const blob = coarseBlob(search.grey, maskQuad);
  if (!blob) return null;

  // Crop around the blob in working coordinates.
  const size = Math.max(blob.w, blob.h) * f;
  const pad = size * 0.25 + 8;
  const scale = Math.min(1, REFINE_SPAN / size);
  const crop = greyCrop(img, { left: blob.x0 * f - pad, top: blob.y0 * f - pad, width: blob.w * f + 2 * pad, height: blob.h * f + 2 * pad }, scale);
  const pxPerMm = 1 / mmPerWorkingPx(toMm, [blob.cx * f, blob.cy * f]);
  const hairRadius = Math.max(1, Math.ceil(HAIR_MM * pxPerMm * crop.scale));
  const skinLevel = blob.skin;
  const cropMaskQuad = expandQuad(markerQuad, 1.45).map(([x, y]) => [(x - crop.left) * crop.scale, (y - crop.top) * crop.scale] as Point);
  const closed = closeGrey(crop, hairRadius, cropMaskQuad, skinLevel);

  const centre: Point = [(blob.cx * f - crop.left) * crop.scale, (blob.cy * f - crop.top) * crop.scale];
  const threshold = otsu(closed);
  const rmax = (Math.max(blob.w, blob.h) * f * crop.scale) * 0.9 + 4;
  const w = Math.max(2.5, hairRadius + 1);
  const edges = trimSpikes(outermostCrossings(closed, centre, threshold, rmax));
  const pts: Point[] = [];
  let refined = 0;
  for (let k = 0; k < RAYS; k++) {
    const { r: edge, trusted } = edges[k]!;
    if (!(edge > 0)) continue;
    const a = (k / RAYS) * Math.PI * 2;
    const d: Point = [Math.cos(a), Math.sin(a)];
    let best = edge;
    // Local mid-level between just inside and just outside.
    const inside = trusted ? meanAlong(closed, centre, d, edge - 2 * w, edge - w) : NaN;
    const outside = trusted ? meanAlong(closed, centre, d, edge + w, edge + 2 * w) : NaN;
    if (outside - inside > 8) {
      const level = (inside + outside) / 2;
      let prevV = sample(closed, centre[0] + d[0] * (edge - w), centre[1] + d[1] * (edge - w));
      for (let r = edge - w + 0.125; r <= edge + w; r += 0.125) {
        const v = sample(closed, centre[0] + d[0] * r, centre[1] + d[1] * r);
        if (prevV < level && v >= level) {
          const at = r - 0.125 + (0.125 * (level - prevV)) / (v - prevV);
          if (Math.abs(at - edge) < Math.abs(best - edge) || best === edge) best = at;
        }
        prevV = v;
      }
      refined++;
    }
    pts.push(fromCrop(crop, [centre[0] + d[0] * best, centre[1] + d[1] * best]));
  }
  if (pts.length < RAYS * 0.85) return null;

  const mm = pts.map((p) => applyHomography(toMm, p));
  let longest = 0, ends: [number, number] = [0, 0];
  for (let i = 0; i < mm.length; i++) for (let j = i + 1; j < mm.length; j++) {
    const dd = Math.hypot(mm[i]![0] - mm[j]![0], mm[i]![1] - mm[j]![1]);
    if (dd > longest) { longest = dd; ends = [i, j]; }
  }
  let area = 0;
  for (let i = 0; i < mm.length; i++) {
    const [x0, y0] = mm[i]!, [x1, y1] = mm[(i + 1) % mm.length]!;
    area += x0 * y1 - x1 * y0;
  }
  const contrast = Math.min(1, (skinLevel - threshold) / 30);
  return {
    polygon: pts,
    longestDiameterMm: longest,
    areaMm2: Math.abs(area) / 2,
    diameterEnds: [pts[ends[0]]!, pts[ends[1]]!],
    confidence: Math.round(Math.max(0, Math.min(1, (pts.length / RAYS) * (refined / Math.max(1, pts.length)) * contrast)) * 1000) / 1000,
  };
}

/** Every dark → light crossing of `threshold` along each ray from `centre` (1 px steps, out to `rmax`). */
function outermostCrossings(closed: GreyImage, centre: Point, threshold: number, rmax: number): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < RAYS; k++) {
    const a = (k / RAYS) * Math.PI * 2;
    const dx = Math.cos(a), dy = Math.sin(a);
    const crossings: number[] = [];
    let prev = sample(closed, centre[0], centre[1]);
    for (let r = 1; r <= rmax; r += 1) {
      const v = sample(closed, centre[0] + dx * r, centre[1] + dy * r);
      if (Number.isNaN(v)) break;
      if (prev < threshold && v >= threshold) crossings.push(r);
      prev = v;
    }
    out.push(crossings);
  }
  return out;
}

/**
 * Each ray's edge: its outermost crossing, unless that sticks out of its neighbours like a spike.
 * Hairs that touch the lesion where they lie close together or cross survive the closing as one
 * dark band, and the ray that runs along it finds its far end (a 4 mm lesion measured as 6 mm).
 * A lesion's border is smooth at the scale of a few rays; a band of hair is a few rays wide. So a
 * ray more than {@link SPIKE} beyond the median of the rays within ±{@link SPIKE_WINDOW} takes its
 * outermost crossing inside that bound instead, or — when the band hides the border entirely —
 * the median itself (not refined, and it lowers the confidence).
 */
function trimSpikes(crossings: number[][]): { r: number; trusted: boolean }[] {
  const outer = crossings.map((c) => (c.length ? c[c.length - 1]! : NaN));
  return outer.map((r, k) => {
    if (Number.isNaN(r)) return { r, trusted: false };
    const near: number[] = [];
    for (let j = -SPIKE_WINDOW; j <= SPIKE_WINDOW; j++) {
      const v = outer[(k + j + RAYS) % RAYS]!;
      if (j !== 0 && !Number.isNaN(v)) near.push(v);
    }
    if (near.length < SPIKE_WINDOW) return { r, trusted: true };
    near.sort((x, y) => x - y);
    const median = near[near.length >> 1]!;
    const bound = median * SPIKE + 2;
    if (r <= bound) return { r, trusted: true };
    const inside = crossings[k]!.filter((c) => c <= bound && c >= median / SPIKE - 2);
    return inside.length ? { r: inside[inside.length - 1]!, trusted: true } : { r: median, trusted: false };
  });
}

function mmPerWorkingPx(h: Homography, p: Point): number {
  const a = applyHomography(h, p), b = applyHomography(h, [p[0] + 1, p[1]]), c = applyHomography(h, [p[0], p[1] + 1]);
  return Math.sqrt(Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])));
}

function meanAlong(img: GreyImage, c: Point, d: Point, r0: number, r1: number): number {
  let s = 0, n = 0;
  for (let r = Math.max(0, r0); r <= r1; r += 0.5) {
    const v = sample(img, c[0] + d[0] * r, c[1] + d[1] * r);
    if (!Number.isNaN(v)) { s += v; n++; }
  }
  return n ? s / n : NaN;
}

function expandQuad(q: Point[], k: number): Point[] {
  const cx = q.reduce((s, p) => s + p[0], 0) / 4, cy = q.reduce((s, p) => s + p[1], 0) / 4;
  return q.map(([x, y]) => [cx + (x - cx) * k, cy + (y - cy) * k] as Point);
}

/**
 * A point-in-convex-quad test for `q` (either winding), with the four edge lines worked out once:
 * it runs for every pixel in the sticker's bounding box.
 */
function quadTest(q: Point[]): (x: number, y: number) => boolean {
  const e = new Float64Array(12);
  let area = 0;
  for (let i = 0; i < 4; i++) {
    const [x0, y0] = q[i]!, [x1, y1] = q[(i + 1) % 4]!;
    area += x0 * y1 - x1 * y0;
    // c(x, y) = (x1 - x0)(y - y0) - (y1 - y0)(x - x0) = a·x + b·y + d
    e[i * 3] = -(y1 - y0); e[i * 3 + 1] = x1 - x0; e[i * 3 + 2] = (y1 - y0) * x0 - (x1 - x0) * y0;
  }
  const s = area < 0 ? -1 : 1;
  return (x, y) =>
    s * (e[0]! * x + e[1]! * y + e[2]!) >= 0 && s * (e[3]! * x + e[4]! * y + e[5]!) >= 0 &&
    s * (e[6]! * x + e[7]! * y + e[8]!) >= 0 && s * (e[9]! * x + e[10]! * y + e[11]!) >= 0;
}

type Blob = { x0: number; y0: number; w: number; h: number; cx: number; cy: number; skin: number };

/** The largest dark blob of the small copy that is neither the sticker nor cut by the frame. */
function coarseBlob(g: GreyImage, maskQuad: Point[]): Blob | null {
  const { width: W, height: H, data } = g;
  const masked = new Uint8Array(W * H);
  const hist = new Uint32Array(256);
  const xs = maskQuad.map((p) => p[0]), ys = maskQuad.map((p) => p[1]);
  const qx0 = Math.floor(Math.min(...xs)), qx1 = Math.ceil(Math.max(...xs)), qy0 = Math.floor(Math.min(...ys)), qy1 = Math.ceil(Math.max(...ys));
  const inQuad = quadTest(maskQuad);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const i = y * W + x;
    if (x >= qx0 && x <= qx1 && y >= qy0 && y <= qy1 && inQuad(x + 0.5, y + 0.5)) masked[i] = 1;
    else hist[data[i]!]!++;
  }
  let total = 0;
  for (let v = 0; v < 256; v++) total += hist[v]!;
  let acc = 0, skin = 0;
  for (let v = 0; v < 256; v++) { acc += hist[v]!; if (acc >= total / 2) { skin = v; break; } }
  const thr = skin - Math.max(14, skin * 0.14);
  let dark: Uint8Array = new Uint8Array(W * H);
  for (let i = 0; i < W * H; i++) dark[i] = !masked[i] && data[i]! < thr ? 1 : 0;
  dark = binaryOpen(dark, W, H);

  const label = new Int32Array(W * H).fill(-1);
  const stack: number[] = [];
  let best: (Blob & { area: number }) | null = null;
  for (let start = 0; start < W * H; start++) {
    if (!dark[start] || label[start] !== -1) continue;
    let area = 0, sx = 0, sy = 0, x0 = W, y0 = H, x1 = 0, y1 = 0, edge = false;
    label[start] = start;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % W, y = (i - x) / W;
      area++; sx += x; sy += y;
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      if (x === 0 || y === 0 || x === W - 1 || y === H - 1) edge = true;
      if (x > 0 && dark[i - 1] && label[i - 1] === -1) { label[i - 1] = start; stack.push(i - 1); }
      if (x < W - 1 && dark[i + 1] && label[i + 1] === -1) { label[i + 1] = start; stack.push(i + 1); }
      if (y > 0 && dark[i - W] && label[i - W] === -1) { label[i - W] = start; stack.push(i - W); }
      if (y < H - 1 && dark[i + W] && label[i + W] === -1) { label[i + W] = start; stack.push(i + W); }
    }
    if (edge || area < 12) continue;
    if (!best || area > best.area) best = { area, x0, y0, w: x1 - x0 + 1, h: y1 - y0 + 1, cx: sx / area + 0.5, cy: sy / area + 0.5, skin };
  }
  return best;
}

/** Grey closing (max then min, square window 2r+1) with the sticker area set to skin. */
function closeGrey(c: GreyCrop, r: number, maskQuad: Point[], skin: number): GreyImage {
  const { width: W, height: H } = c;
  const src = c.data.slice();
  const xs = maskQuad.map((p) => p[0]), ys = maskQuad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs))), x1 = Math.min(W - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys))), y1 = Math.min(H - 1, Math.ceil(Math.max(...ys)));
  const inQuad = quadTest(maskQuad);
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (inQuad(x + 0.5, y + 0.5)) src[y * W + x] = skin;
  return { data: erode(dilate(src, W, H, r), W, H, r), width: W, height: H };
}
