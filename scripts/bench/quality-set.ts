/**
 * The generated, labelled image set the photo-quality gate is measured on (SPEC §16). No npm or
 * Debian package ships labelled skin photos, so they are rendered here, seeded and deterministic:
 * skin-like texture (multi-scale mottling, pores, fine lines, hair, specular glints) in six
 * Fitzpatrick-like tones, with or without a crisp-edged pigmented lesion, on smooth or normal
 * skin, some with a neutral drape in the frame; then one degradation each — Gaussian and motion
 * blur at three strengths, under- and over-exposure, low resolution, heavy JPEG, a dim noisy room,
 * and blur followed by sensor noise. The label is the set of flags a correct gate raises.
 *
 * Independent of lib/ on purpose: the set must not be shaped by the measure it judges.
 */
import sharp, { type Sharp } from "sharp";
import { prng } from "../../lib/prng";

export const TONES = ["I", "II", "III", "IV", "V", "VI"] as const;
export type Tone = (typeof TONES)[number];

/** Typical sRGB skin colours per Fitzpatrick-like type (light to dark). */
const TONE_RGB: Record<Tone, [number, number, number]> = {
  I: [241, 213, 193],
  II: [226, 185, 158],
  III: [199, 150, 117],
  IV: [163, 116, 84],
  V: [118, 79, 55],
  VI: [78, 52, 38],
};

export type Flag = "blurry" | "underexposed" | "overexposed" | "low_resolution";

export interface Scene {
  tone: Tone;
  lesion: boolean;
  smooth: boolean;
  drape: "none" | "white" | "dark";
  seed: number;
}

export interface Degradation {
  name: string;
  expected: Flag[];
  apply: (img: RawImage, rand: () => number) => Promise<RawImage>;
}

/** Interleaved 8-bit RGB. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface LabelledImage {
  id: string;
  tone: Tone;
  scene: Scene;
  degradation: string;
  expected: Flag[];
  image: RawImage;
}


const toLinear = (v: number) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const toSrgb = (l: number) => {
  const c = l <= 0.0031308 ? l * 12.92 : 1.055 * Math.max(0, l) ** (1 / 2.4) - 0.055;
  return Math.max(0, Math.min(255, Math.round(c * 255)));
};

/** Smooth value noise on a grid of `cell` pixels, in −1..1. */
function valueNoise(width: number, height: number, cell: number, rand: () => number): Float32Array {
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = new Float32Array(gw * gh).map(() => rand() * 2 - 1);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const y0 = Math.floor(gy);
    const fy = gy - y0;
    const sy = fy * fy * (3 - 2 * fy);
    for (let x = 0; x < width; x++) {
      const gx = x / cell;
      const x0 = Math.floor(gx);
      const fx = gx - x0;
      const sx = fx * fx * (3 - 2 * fx);
      const a = grid[y0 * gw + x0]!;
      const b = grid[y0 * gw + x0 + 1]!;
      const c = grid[(y0 + 1) * gw + x0]!;
      const d = grid[(y0 + 1) * gw + x0 + 1]!;
      out[y * width + x] = a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
    }
  }
  return out;
}

/** Render one sharp scene at `width`×`height`. */
export function renderScene(scene: Scene, width = 1024, height = 768): RawImage {
  const rand = prng(scene.seed);
  const [br, bg, bb] = TONE_RGB[scene.tone];
  const base = [toLinear(br), toLinear(bg), toLinear(bb)];
  const amp = scene.smooth ? 0.35 : 1;
  const coarse = valueNoise(width, height, 90, rand);
  const mid = valueNoise(width, height, 14, rand);
  const fine = valueNoise(width, height, 3, rand);
  // Reflectance factor per pixel (linear light), then lesion, hair, pores, glints on top.
  const refl = new Float32Array(width * height);
  for (let i = 0; i < refl.length; i++) refl[i] = 1 + amp * (0.1 * coarse[i]! + 0.06 * mid[i]! + 0.05 * fine[i]!);
  const lesionMask = new Float32Array(width * height);
  if (scene.lesion) {
    const cx = width * (0.35 + 0.3 * rand());
    const cy = height * (0.35 + 0.3 * rand());
    const r = Math.min(width, height) * (0.07 + 0.1 * rand());
    const lobes = Array.from({ length: 5 }, () => [rand() * 0.18, rand() * Math.PI * 2] as const);
    for (let y = Math.max(0, Math.floor(cy - 1.5 * r)); y < Math.min(height, cy + 1.5 * r); y++) {
      for (let x = Math.max(0, Math.floor(cx - 1.5 * r)); x < Math.min(width, cx + 1.5 * r); x++) {
        const dx = x - cx;
        const dy = (y - cy) * 1.15;
        const ang = Math.atan2(dy, dx);
        let edge = r;
        lobes.forEach(([a, p], k) => (edge += r * a * Math.sin((k + 2) * ang + p)));
        const d = Math.sqrt(dx * dx + dy * dy);
        // Crisp border: about one pixel of anti-aliasing.
        lesionMask[y * width + x] = Math.max(0, Math.min(1, edge - d + 0.5));
      }
    }
  }
  // Pores: small darker dots.
  const pores = Math.round((width * height) / (scene.smooth ? 9000 : 1800));
  for (let p = 0; p < pores; p++) {
    const px = Math.floor(rand() * width);
    const py = Math.floor(rand() * height);
    const rad = 1 + rand() * 1.2;
    for (let y = Math.max(0, Math.floor(py - 2)); y <= Math.min(height - 1, py + 2); y++) {
      for (let x = Math.max(0, Math.floor(px - 2)); x <= Math.min(width - 1, px + 2); x++) {
        const d = Math.hypot(x - px, y - py);
        if (d < rad) refl[y * width + x]! *= 1 - amp * 0.25 * (1 - d / rad);
      }
    }
  }
  // Hair on normal skin: thin dark curves.
  const hairs = scene.smooth ? 0 : 6 + Math.floor(rand() * 8);
  const hairMask = new Float32Array(width * height);
  for (let h = 0; h < hairs; h++) {
    let x = rand() * width;
    let y = rand() * height;
    let a = rand() * Math.PI * 2;
    const len = 80 + rand() * 200;
    for (let s = 0; s < len; s++) {
      a += (rand() - 0.5) * 0.08;
      x += Math.cos(a);
      y += Math.sin(a);
      const ix = Math.round(x);
      const iy = Math.round(y);
      if (ix >= 0 && iy >= 0 && ix < width && iy < height) hairMask[iy * width + ix] = 1;
    }
  }
  // Specular glints (skin is glossy): a few small near-white highlights.
  const glintMask = new Float32Array(width * height);
  const glints = 12 + Math.floor(rand() * 12);
  for (let g = 0; g < glints; g++) {
    const gx = rand() * width;
    const gy = rand() * height;
    const rad = 2 + rand() * 4;
    for (let y = Math.max(0, Math.floor(gy - rad)); y <= Math.min(height - 1, gy + rad); y++) {
      for (let x = Math.max(0, Math.floor(gx - rad)); x <= Math.min(width - 1, gx + rad); x++) {
        const d = Math.hypot(x - gx, y - gy) / rad;
        if (d < 1) glintMask[y * width + x] = Math.max(glintMask[y * width + x]!, (1 - d * d) * 0.85);
      }
    }
  }
  const drapeEdge = scene.drape === "none" ? -1 : Math.floor(width * (0.68 + 0.1 * rand()));
  const drapeLin = scene.drape === "white" ? toLinear(238) : toLinear(22);
  const lesionLin = [base[0]! * 0.22 + 0.012, base[1]! * 0.16 + 0.006, base[2]! * 0.14 + 0.004];
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const o = i * 3;
      if (drapeEdge >= 0 && x >= drapeEdge + Math.round(6 * Math.sin(y / 40))) {
        const n = 1 + 0.03 * mid[i]!;
        data[o] = data[o + 1] = data[o + 2] = toSrgb(drapeLin * n);
        continue;
      }
      const m = lesionMask[i]!;
      const hair = hairMask[i]! * 0.75;
      const glint = glintMask[i]!;
      for (let c = 0; c < 3; c++) {
        let v = (base[c]! * (1 - m) + lesionLin[c]! * m * (1 + 0.25 * mid[i]!)) * refl[i]!;
        v = v * (1 - hair) + 0.004 * hair;
        v = v * (1 - glint) + 0.95 * glint;
        data[o + c] = toSrgb(v);
      }
    }
  }
  return { data, width, height };
}

const raw = (img: RawImage) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
async function fromSharp(s: Sharp): Promise<RawImage> {
  const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function gain(img: RawImage, g: number): RawImage {
  const lut = Array.from({ length: 256 }, (_, v) => toSrgb(toLinear(v) * g));
  return { ...img, data: Buffer.from(img.data.map((v) => lut[v]!)) };
}

/** Gaussian sensor noise of `sigma` levels, on every channel. */
export function noise(img: RawImage, sigma: number, rand: () => number): RawImage {
  const data = Buffer.alloc(img.data.length);
  for (let i = 0; i < data.length; i++) {
    const n = Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
    data[i] = Math.max(0, Math.min(255, Math.round(img.data[i]! + sigma * n)));
  }
  return { ...img, data };
}

/** A line kernel of `length` pixels at `angle`, for motion blur. */
function motionKernel(length: number, angle: number) {
  const size = length % 2 ? length : length + 1;
  const k = new Array<number>(size * size).fill(0);
  const c = (size - 1) / 2;
  for (let s = -c; s <= c; s += 0.25) {
    const x = Math.round(c + s * Math.cos(angle));
    const y = Math.round(c + s * Math.sin(angle));
    k[y * size + x] = 1;
  }
  return { width: size, height: size, kernel: k, scale: k.reduce((a, b) => a + b, 0) };
}

/** Mean sRGB → linear skin luminance of a tone, used to scale over-exposure per tone. */
function toneLuminance(tone: Tone): number {
  const [r, g, b] = TONE_RGB[tone].map(toLinear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function degradations(tone: Tone): Degradation[] {
  const gaussian = (sigma: number): Degradation => ({ name: `gaussian-${sigma}`, expected: ["blurry"], apply: (img) => fromSharp(raw(img).blur(sigma)) });
  const motion = (len: number): Degradation => ({
    name: `motion-${len}`,
    expected: ["blurry"],
    apply: (img, rand) => fromSharp(raw(img).convolve(motionKernel(len, rand() * Math.PI))),
  });
  return [
    { name: "sharp", expected: [], apply: async (img) => img },
    { name: "jpeg-q8", expected: [], apply: async (img) => fromSharp(sharp(await raw(img).jpeg({ quality: 8 }).toBuffer())) },
    gaussian(2),
    gaussian(3.5),
    gaussian(6),
    motion(9),
    motion(15),
    motion(25),
    { name: "under-0.25", expected: ["underexposed"], apply: async (img) => gain(img, 0.25) },
    { name: "under-0.12", expected: ["underexposed"], apply: async (img) => gain(img, 0.12) },
    // Over-exposure that blows the skin out: two to three stops over this tone's own level.
    { name: "over-blown", expected: ["overexposed"], apply: async (img) => gain(img, 1.05 / toneLuminance(tone)) },
    { name: "over-strong", expected: ["overexposed"], apply: async (img) => gain(img, 1.6 / toneLuminance(tone)) },
    { name: "low-res", expected: ["low_resolution"], apply: (img) => fromSharp(raw(img).resize(560, 420)) },
    { name: "dim-noisy", expected: [], apply: async (img, rand) => noise(gain(img, 0.6), 9, rand) },
    { name: "blur-8px-noise", expected: ["blurry"], apply: async (img, rand) => noise(await fromSharp(raw(img).blur(2.7)), 8, rand) },
  ];
}

/** The scenes: every tone × lesion/no lesion × smooth/normal skin × drape (none, white, dark). */
export function scenes(): Scene[] {
  const out: Scene[] = [];
  let seed = 1000;
  for (const tone of TONES) {
    for (const lesion of [true, false]) {
      for (const smooth of [false, true]) {
        for (const drape of ["none", lesion ? "white" : "dark"] as const) out.push({ tone, lesion, smooth, drape, seed: seed++ });
      }
    }
  }
  return out;
}

/**
 * Every labelled image, one at a time (the set is 720 images; holding it whole would take ~1.7 GB).
 * `keep` picks scenes (by their index in {@link scenes}), for a quick look at a part of the set.
 */
export async function* qualitySet(keep: (scene: Scene, index: number) => boolean = () => true): AsyncGenerator<LabelledImage> {
  for (const [index, scene] of scenes().entries()) {
    if (!keep(scene, index)) continue;
    const base = renderScene(scene);
    for (const d of degradations(scene.tone)) {
      const image = await d.apply(base, prng(scene.seed * 31 + d.name.length));
      const id = `${scene.tone}-${scene.lesion ? "lesion" : "plain"}-${scene.smooth ? "smooth" : "textured"}-${scene.drape}-${d.name}`;
      yield { id, tone: scene.tone, scene, degradation: d.name, expected: d.expected, image };
    }
  }
}
