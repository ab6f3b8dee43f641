/**
 * Focus from the skin's own texture, without strong edges (SPEC §16, issue 15 round three).
 *
 * Edge width (lib/photos/quality-focus.ts) needs edges whose width is the lens's: a lesion
 * border, a glint. On plain skin the steepest edges are hairs and pores, thin lines whose
 * profile stays narrow under a blur that has already wiped out the skin's fine texture, so a
 * σ 2 px defocus or a short shake on plain light skin read 4.2–5.8 px, inside a focused photo's
 * range. This module measures what blur does to the texture itself: it removes the finest
 * frequencies first. Two readings, both ratios of texture energy, so neither depends on how
 * light or dark the skin is (a multiplicative change of contrast cancels):
 *
 * - **Fall-off**: texture energy in the finest band (1 px second differences, periods ~2–4 px)
 *   over the next band (2 px second differences of the σ = 1 copy, periods ~4–10 px), each
 *   corrected for the energy sensor noise and 8-bit rounding put there. A scene with a natural
 *   1/f² spectrum shows about 4 in focus; a Gaussian blur of σ px lowers it to 0.57 (σ 0.75),
 *   0.32 (σ 1), 0.21 (σ 1.25), 0.11 (σ 2) — so the ratio falls by an order of magnitude at the
 *   blur the edge-width threshold stands for, whatever the texture's contrast.
 * - **Isotropy** of the finest band: the structure tensor of that band, noise removed, as its
 *   smaller over its larger eigenvalue. A shake of length L along u removes every fine frequency
 *   whose component along u exceeds ~1/L, so the band's energy is left in a narrow wedge of
 *   directions and the ratio drops towards 0; skin texture (pores, hair, mottling) has fine
 *   detail every way.
 *
 * Both are computed on skin tiles only (32 px tiles at least 90 % skin, and every neighbouring
 * tile skin too, so no filter reaches a drape's straight edge or the background); the whole frame
 * counts when there is no skin mask. Pure TypeScript over typed arrays, like the rest of the
 * measure (the browser runs it too).
 */
import { SMOOTH_KERNEL as KERNEL, smooth, type GreyImage } from "./quality-pixels";

/** The texture reading of one photo; null readings mean "too little texture above the noise to say". */
export interface TextureReading {
  /** Finest-band over next-band texture energy, noise removed (≈ 4 for a focused natural scene, < 0.25 once blurred). */
  falloff: number | null;
  /** Smaller over larger eigenvalue of the finest band's structure tensor, noise removed (≈ 1 isotropic, → 0 under a shake). */
  isotropy: number | null;
}

/** Tile side (px) of the skin-tile mask. */
const TILE = 32;
/** Share of a tile's pixels that must be skin. */
const TILE_SKIN = 0.9;
/** Least share of the frame in usable skin tiles for a reading. */
const MIN_AREA = 0.05;

// White-noise energy gains of the filters (Σ h² of each impulse response), so that
// noise σ² × gain is what noise alone adds to a band's mean energy.
/** 1 px second difference [-½, 1, -½]: 1 + ¼ + ¼. */
const FINE_GAIN = 1.5;
/** 2 px second difference of the σ = 1 copy (from the kernel of {@link smooth}). */
const COARSE_GAIN = coarseGain();
/** Central difference of the finest band (x − σ 1 copy), from the same kernel. */
const SLOPE_GAIN = slopeGain();
/** Variance of 8-bit rounding: the least noise any 8-bit copy carries. */
const ROUNDING = 1 / 12;

function autocorr(t: number): number {
  let s = 0;
  for (let i = 0; i + t < KERNEL.length; i++) s += KERNEL[i]! * KERNEL[i + t]!;
  return s;
}

/** Σ h² for h = g − ½ g(· − 2) − ½ g(· + 2) along one axis, g the separable 2-D kernel. */
function coarseGain(): number {
  const r0 = autocorr(0);
  return r0 * (1.5 * r0 - 2 * autocorr(2) + 0.5 * autocorr(4));
}

/** Σ h² for h = ½ (b(· + 1) − b(· − 1)) along one axis, b = δ − g (g the separable 2-D kernel). */
function slopeGain(): number {
  // 2-D impulse response of b, then its central difference along x.
  const n = KERNEL.length + 2;
  const c = (n - 1) / 2;
  const b = new Float64Array(n * n);
  for (let y = 0; y < KERNEL.length; y++) for (let x = 0; x < KERNEL.length; x++) b[(y + 1) * n + x + 1] = -KERNEL[y]! * KERNEL[x]!;
  b[c * n + c] = b[c * n + c]! + 1;
  let s = 0;
  for (let y = 0; y < n; y++) {
    for (let x = -1; x <= n; x++) {
      const right = x + 1 < n && x + 1 >= 0 ? b[y * n + x + 1]! : 0;
      const left = x - 1 >= 0 && x - 1 < n ? b[y * n + x - 1]! : 0;
      s += ((right - left) / 2) ** 2;
    }
  }
  return s;
}

/**
 * Which pixels lie in a usable skin tile: a {@link TILE} px tile with at least {@link TILE_SKIN}
 * of its pixels skin whose eight neighbours (those inside the frame) are such tiles too. Null when
 * fewer than {@link MIN_AREA} of the frame qualify.
 */
export function skinTiles(skin: Uint8Array | null, width: number, height: number): Uint8Array | null {
  const tw = Math.floor(width / TILE);
  const th = Math.floor(height / TILE);
  if (tw < 1 || th < 1) return null;
  const good = new Uint8Array(tw * th);
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) {
      let count = 0;
      if (skin) {
        for (let y = ty * TILE; y < (ty + 1) * TILE; y++) for (let x = tx * TILE, i = y * width + x; x < (tx + 1) * TILE; x++, i++) count += skin[i]!;
      } else count = TILE * TILE;
      good[ty * tw + tx] = count >= TILE_SKIN * TILE * TILE ? 1 : 0;
    }
  }
  const mask = new Uint8Array(width * height);
  let used = 0;
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) {
      let ok = good[ty * tw + tx] === 1;
      for (let dy = -1; dy <= 1 && ok; dy++) {
        for (let dx = -1; dx <= 1 && ok; dx++) {
          const x = tx + dx;
          const y = ty + dy;
          if (x >= 0 && y >= 0 && x < tw && y < th && !good[y * tw + x]) ok = false;
        }
      }
      if (!ok) continue;
      for (let y = ty * TILE; y < (ty + 1) * TILE; y++) mask.fill(1, y * width + tx * TILE, y * width + (tx + 1) * TILE);
      used += TILE * TILE;
    }
  }
  return used >= MIN_AREA * width * height ? mask : null;
}

/**
 * Texture fall-off and isotropy of the finest band on the skin tiles of a greyscale copy.
 *
 * @param noise sensor noise σ of the copy (Immerkær's estimate); never taken below 8-bit rounding
 * @param smoothed the copy smoothed by {@link smooth}, when the caller already has it
 */
export function measureTexture(grey: GreyImage, skin: Uint8Array | null, noise: number, smoothed?: Float32Array): TextureReading {
  const none: TextureReading = { falloff: null, isotropy: null };
  const { data, width: w, height: h } = grey;
  const tiles = skinTiles(skin, w, h);
  if (!tiles) return none;
  const g = smoothed ?? smooth(data, w, h);
  const v = Math.max(noise * noise, ROUNDING);
  let fine = 0;
  let coarse = 0;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  let n = 0;
  const m = 4;
  for (let y = m; y < h - m; y++) {
    for (let x = m, i = y * w + m; x < w - m; x++, i++) {
      if (!tiles[i]) continue;
      const p = data[i]!;
      const ax = p - (data[i - 1]! + data[i + 1]!) / 2;
      const ay = p - (data[i - w]! + data[i + w]!) / 2;
      const bx = g[i]! - (g[i - 2]! + g[i + 2]!) / 2;
      const by = g[i]! - (g[i - 2 * w]! + g[i + 2 * w]!) / 2;
      // Slopes of the finest band b = x − g (central differences).
      const sx = (data[i + 1]! - g[i + 1]! - data[i - 1]! + g[i - 1]!) / 2;
      const sy = (data[i + w]! - g[i + w]! - data[i - w]! + g[i - w]!) / 2;
      fine += ax * ax + ay * ay;
      coarse += bx * bx + by * by;
      xx += sx * sx;
      yy += sy * sy;
      xy += sx * sy;
      n++;
    }
  }
  if (n === 0) return none;
  const fineTexture = fine / n - 2 * FINE_GAIN * v;
  const coarseTexture = coarse / n - 2 * COARSE_GAIN * v;
  // The next band must hold texture clearly above what noise puts into the finest band;
  // otherwise a low ratio could be noise misestimated, not blur.
  const falloff = coarseTexture > 2 * FINE_GAIN * v ? Math.max(0, fineTexture) / coarseTexture : null;
  const jxx = xx / n - SLOPE_GAIN * v;
  const jyy = yy / n - SLOPE_GAIN * v;
  const jxy = xy / n;
  const trace = jxx + jyy;
  const spread = Math.sqrt((jxx - jyy) ** 2 + 4 * jxy * jxy);
  // As for the fall-off: the band must hold texture clearly above its noise.
  const isotropy = trace > 2 * SLOPE_GAIN * v ? Math.max(0, trace - spread) / (trace + spread) : null;
  return { falloff: round3(falloff), isotropy: round3(isotropy) };
}

const round3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
