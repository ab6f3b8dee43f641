/**
 * Plane homographies for tilt-corrected measurement (SPEC §15). The marker's four corners fix the
 * homography between the photo and the skin plane in millimetres; every length and area is then
 * measured in that undistorted plane instead of with one mm-per-pixel factor that a tilted photo
 * would make wrong across the frame.
 */

/** Row-major 3×3 matrix mapping homogeneous (x, y, 1). */
export type Homography = [number, number, number, number, number, number, number, number, number];
export type Point = [number, number];

/** Solve the 8×8 system of the four-point homography src[i] → dst[i] (Gaussian elimination with pivoting). */
export function homographyFromPoints(src: readonly Point[], dst: readonly Point[]): Homography {
  if (src.length !== 4 || dst.length !== 4) throw new Error("homography needs four point pairs");
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i]!;
    const [u, v] = dst[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-12) throw new Error("degenerate point configuration");
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  const h = a.map((row, i) => row[8]! / row[i]!);
  return [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1];
}

export function applyHomography(h: Homography, p: Point): Point {
  const w = h[6] * p[0] + h[7] * p[1] + h[8];
  return [(h[0] * p[0] + h[1] * p[1] + h[2]) / w, (h[3] * p[0] + h[4] * p[1] + h[5]) / w];
}

/** Scale `h` so that it maps points scaled by `s` first: h' = h · diag(1/s, 1/s, 1). */
export function prescale(h: Homography, s: number): Homography {
  return [h[0] / s, h[1] / s, h[2], h[3] / s, h[4] / s, h[5], h[6] / s, h[7] / s, h[8]];
}

/** Local linear scale of `h` at `p`: the square root of the Jacobian determinant (units out per unit in). */
export function localScale(h: Homography, p: Point): number {
  const [x, y] = p;
  const w = h[6] * x + h[7] * y + h[8];
  const u = (h[0] * x + h[1] * y + h[2]) / w;
  const v = (h[3] * x + h[4] * y + h[5]) / w;
  const dudx = (h[0] - h[6] * u) / w, dudy = (h[1] - h[7] * u) / w;
  const dvdx = (h[3] - h[6] * v) / w, dvdy = (h[4] - h[7] * v) / w;
  return Math.sqrt(Math.abs(dudx * dvdy - dudy * dvdx));
}

/** Length of a polyline in the plane of `h`. */
export function planeDistance(h: Homography, a: Point, b: Point): number {
  const [x0, y0] = applyHomography(h, a);
  const [x1, y1] = applyHomography(h, b);
  return Math.hypot(x1 - x0, y1 - y0);
}

/** Area of a closed polygon (image points) in the plane of `h` (shoelace after mapping). */
export function planeArea(h: Homography, polygon: readonly Point[]): number {
  const m = polygon.map((p) => applyHomography(h, p));
  let s = 0;
  for (let i = 0; i < m.length; i++) {
    const [x0, y0] = m[i]!;
    const [x1, y1] = m[(i + 1) % m.length]!;
    s += x0 * y1 - x1 * y0;
  }
  return Math.abs(s) / 2;
}
