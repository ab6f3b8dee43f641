/**
 * Generated clinical-looking photos for the demo seed: a skin-toned, textured background with a
 * pigmented lesion drawn on it, at phone-camera resolution. Seed-only; no real patient images.
 */
import sharp from "sharp";
import { prng } from "../prng";


/** A JPEG of a lesion on skin; `tone` varies the skin colour, `seed` the lesion's shape. */
export async function lesionPhoto(seed: number, width = 1600, height = 1200, tone = 0): Promise<Buffer> {
  const rand = prng(seed);
  const skin = [[232, 190, 160], [205, 160, 125], [160, 115, 85], [110, 75, 55]][tone % 4]!;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i += 3) {
    const n = (rand() - 0.5) * 18;
    noise[i] = Math.max(0, Math.min(255, skin[0]! + n));
    noise[i + 1] = Math.max(0, Math.min(255, skin[1]! + n));
    noise[i + 2] = Math.max(0, Math.min(255, skin[2]! + n));
  }
  const cx = width * (0.4 + rand() * 0.2);
  const cy = height * (0.4 + rand() * 0.2);
  const r = Math.min(width, height) * (0.08 + rand() * 0.08);
  const points = Array.from({ length: 14 }, (_, i) => {
    const a = (i / 14) * Math.PI * 2;
    const rr = r * (0.75 + rand() * 0.5);
    return `${(cx + Math.cos(a) * rr).toFixed(1)},${(cy + Math.sin(a) * rr * 0.85).toFixed(1)}`;
  }).join(" ");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><radialGradient id="g" cx="50%" cy="50%" r="60%">
      <stop offset="0%" stop-color="#2b1a12"/><stop offset="70%" stop-color="#5a3520"/><stop offset="100%" stop-color="#8a5a3c" stop-opacity="0.6"/>
    </radialGradient></defs>
    <polygon points="${points}" fill="url(#g)"/>
    <g stroke="#333" stroke-width="3"><line x1="${width * 0.1}" y1="${height * 0.9}" x2="${width * 0.35}" y2="${height * 0.9}"/>
    ${Array.from({ length: 11 }, (_, i) => `<line x1="${width * 0.1 + i * width * 0.025}" y1="${height * 0.88}" x2="${width * 0.1 + i * width * 0.025}" y2="${height * 0.9}"/>`).join("")}</g>
  </svg>`;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 88 })
    .toBuffer();
}
