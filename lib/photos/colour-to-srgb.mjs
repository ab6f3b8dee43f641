/**
 * Converting decoded HEIC pixels from their colour profile to sRGB (SPEC §16: iPhones tag their
 * HEICs Display P3). libheif hands over RGB in the image's own colour space and sharp reads raw
 * pixels as sRGB — it has no way to assign an input profile to raw pixels (sharp issue #1324) — so
 * without this a P3 photo was stored oversaturated. The conversion is the ICC matrix/TRC
 * ("matrix-shaper") relative-colorimetric transform that lcms builds for such a pair of profiles
 * (ICC.1 §F.3): each channel is linearised through the profile's tone curve, taken to the D50
 * profile connection space by the profile's colorants and out of it by sRGB's, clipped to the sRGB
 * gamut and encoded with the sRGB curve. Display P3 (ICC `prof` profiles, and nclx primaries 12
 * through libvips's own P3 profile) is such a profile, as are Adobe RGB and most camera profiles.
 * LUT-based profiles (A2B0 only) are not matrix/TRC and are read as sRGB, as before.
 *
 * Plain JavaScript, next to the decode thread it was written for (lib/photos/heic-decode-thread.mjs
 * reports the profile); lib/photos/heic-pixels.ts applies it in place, band by band, to the frame
 * the thread hands over, so it costs no extra memory. Types are in colour-to-srgb.d.mts.
 */

/** sRGB's colorants adapted to D50 (the sRGB IEC61966-2.1 ICC profile's rXYZ/gXYZ/bXYZ): rows X, Y, Z; columns R, G, B. */
const SRGB_D50 = [
  [0.4360747, 0.3850649, 0.1430804],
  [0.2225045, 0.7168786, 0.0606169],
  [0.0139322, 0.0971045, 0.7141733],
];

/** Entries of the linear-light → sRGB 8-bit table (steps of 1/16383 are < 0.25 of a level near black). */
const ENCODE_STEPS = 16383;

const srgbDecode = (v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const srgbEncode = (v) => (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055);

function invert3(m) {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

const multiply3 = (x, y) => x.map((row) => [0, 1, 2].map((j) => row[0] * y[0][j] + row[1] * y[1][j] + row[2] * y[2][j]));

const FROM_D50_TO_SRGB = invert3(SRGB_D50);

/** A tone curve (`curv` or `para`) as a function on [0, 1], or null if the tag is neither. */
function toneCurve(view, at, size) {
  const type = view.getUint32(at);
  if (type === 0x63757276 /* curv */) {
    const count = view.getUint32(at + 8);
    if (count === 0) return (x) => x;
    if (count === 1) {
      const gamma = view.getUint16(at + 12) / 256;
      return (x) => x ** gamma;
    }
    if (12 + count * 2 > size) return null;
    const table = Array.from({ length: count }, (_, i) => view.getUint16(at + 12 + i * 2) / 65535);
    return (x) => {
      const p = x * (count - 1);
      const i = Math.min(count - 2, Math.floor(p));
      return table[i] + (table[i + 1] - table[i]) * (p - i);
    };
  }
  if (type === 0x70617261 /* para */) {
    const fn = view.getUint16(at + 8);
    const n = [1, 3, 4, 5, 7][fn];
    if (n === undefined || 12 + n * 4 > size) return null;
    const [g, a = 1, b = 0, c = 0, d = 0, e = 0, f = 0] = Array.from({ length: n }, (_, i) => view.getInt32(at + 12 + i * 4) / 65536);
    const pow = (x) => (x > 0 ? x ** g : 0);
    switch (fn) {
      case 0: return (x) => pow(x);
      case 1: return (x) => (x >= -b / a ? pow(a * x + b) : 0);
      case 2: return (x) => (x >= -b / a ? pow(a * x + b) + c : c);
      case 3: return (x) => (x >= d ? pow(a * x + b) : c * x);
      default: return (x) => (x >= d ? pow(a * x + b) + e : c * x + f);
    }
  }
  return null;
}

/**
 * The colorants (D50 XYZ, rows X, Y, Z; columns R, G, B) and tone curves of an RGB matrix/TRC ICC
 * profile, or null for anything else (not RGB, PCS not XYZ, tags missing or malformed).
 */
export function parseMatrixShaper(icc) {
  if (!icc || icc.length < 132) return null;
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  const ascii = (at) => String.fromCharCode(icc[at], icc[at + 1], icc[at + 2], icc[at + 3]);
  if (ascii(16) !== "RGB " || ascii(20) !== "XYZ ") return null;
  const count = view.getUint32(128);
  const tags = new Map();
  for (let i = 0; i < count && 132 + i * 12 + 12 <= icc.length; i++) {
    const e = 132 + i * 12;
    const offset = view.getUint32(e + 4);
    const size = view.getUint32(e + 8);
    if (offset + size <= icc.length && size >= 12) tags.set(ascii(e), { offset, size });
  }
  const xyz = (sig) => {
    const t = tags.get(sig);
    if (!t || t.size < 20 || ascii(t.offset) !== "XYZ ") return null;
    return [0, 1, 2].map((k) => view.getInt32(t.offset + 8 + k * 4) / 65536);
  };
  const curve = (sig) => {
    const t = tags.get(sig);
    return t ? toneCurve(view, t.offset, t.size) : null;
  };
  const r = xyz("rXYZ"), g = xyz("gXYZ"), b = xyz("bXYZ");
  const curves = [curve("rTRC"), curve("gTRC"), curve("bTRC")];
  if (!r || !g || !b || curves.some((c) => c === null)) return null;
  return { colorants: [0, 1, 2].map((row) => [r[row], g[row], b[row]]), curves };
}

/**
 * What converting pixels in `icc` to sRGB takes: per channel, a 256-entry table from the 8-bit
 * value to linear light, and the 3×3 matrix from the profile's linear RGB to sRGB's. Null when
 * nothing needs doing (no profile, a profile that is sRGB to within a quarter of a level, or one
 * that is not matrix/TRC or is malformed).
 */
export function srgbConversion(icc) {
  let profile;
  try {
    profile = parseMatrixShaper(icc);
  } catch {
    return null; // a malformed profile (it comes with the upload) is ignored, as before, not fatal
  }
  if (!profile) return null;
  const matrix = multiply3(FROM_D50_TO_SRGB, profile.colorants);
  const decode = profile.curves.map((curve) => Float64Array.from({ length: 256 }, (_, v) => Math.min(1, Math.max(0, curve(v / 255)))));
  const isSrgb =
    matrix.every((row, i) => row.every((m, j) => Math.abs(m - (i === j ? 1 : 0)) < 0.002)) &&
    decode.every((table) => table.every((lin, v) => Math.abs(srgbEncode(lin) - v / 255) < 0.25 / 255));
  if (isSrgb) return null;
  return { matrix, decode };
}

/** Convert interleaved 8-bit RGB(A) `pixels` in place with a {@link srgbConversion}; alpha is untouched. */
export function convertToSrgb(pixels, channels, conversion) {
  const [[m0, m1, m2], [m3, m4, m5], [m6, m7, m8]] = conversion.matrix;
  const [dr, dg, db] = conversion.decode;
  const encode = new Uint8Array(ENCODE_STEPS + 1);
  for (let i = 0; i <= ENCODE_STEPS; i++) encode[i] = Math.round(srgbEncode(i / ENCODE_STEPS) * 255);
  const index = (v) => (v <= 0 ? 0 : v >= 1 ? ENCODE_STEPS : (v * ENCODE_STEPS + 0.5) | 0);
  for (let i = 0; i + 2 < pixels.length; i += channels) {
    const r = dr[pixels[i]], g = dg[pixels[i + 1]], b = db[pixels[i + 2]];
    pixels[i] = encode[index(m0 * r + m1 * g + m2 * b)];
    pixels[i + 1] = encode[index(m3 * r + m4 * g + m5 * b)];
    pixels[i + 2] = encode[index(m6 * r + m7 * g + m8 * b)];
  }
}

export { srgbDecode, srgbEncode };
