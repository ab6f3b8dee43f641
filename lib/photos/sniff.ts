/**
 * Decides what an uploaded file is from its first bytes only (SPEC §4.2): names and
 * Content-Type headers are chosen by the client and never trusted.
 */

/**
 * Image kinds recognised by magic bytes. "heic" is the HEIF container with HEVC (or another
 * non-AV1) codec, as iPhones write it; "avif" is the same container with AV1, told apart by brand.
 */
export type SniffedImageType = "jpeg" | "png" | "webp" | "heic" | "avif";

/** Bytes {@link sniffImageType} needs to see to recognise every supported kind. */
export const SNIFF_BYTES = 64;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** ISO-BMFF brands of the HEIF family (HEIC, HEIF image sequences, AVIF). */
const HEIF_BRANDS = new Set([
  "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs",
  "mif1", "mif2", "msf1", "avif", "avis",
]);

/** Brands that name the AV1 codec; every other HEIF brand is decoded as HEIC. */
const AVIF_BRANDS = new Set(["avif", "avis"]);
/** Brands that name the HEVC codec. */
const HEVC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"]);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** Major and compatible brands of an ISO-BMFF `ftyp` box at the start, or null when there is none. */
function ftypBrands(head: Uint8Array): string[] | null {
  if (head.length < 12 || ascii(head, 4, 8) !== "ftyp") return null;
  const brands = [ascii(head, 8, 12)];
  const boxSize = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
  // Compatible brands follow the major brand (8..12) and minor version (12..16).
  const end = Math.min(boxSize >>> 0, head.length);
  for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(head, i, i + 4));
  return brands;
}

/**
 * HEIF family by brand: the major brand decides when it names a codec (`avif` → AV1, `heic` →
 * HEVC); a generic major brand (`mif1`, `msf1`) defers to the compatible brands, HEVC first.
 */
function heifKind(head: Uint8Array): "heic" | "avif" | null {
  const brands = ftypBrands(head);
  if (!brands || !brands.some((b) => HEIF_BRANDS.has(b))) return null;
  const major = brands[0]!;
  if (AVIF_BRANDS.has(major)) return "avif";
  if (HEVC_BRANDS.has(major)) return "heic";
  if (brands.some((b) => HEVC_BRANDS.has(b))) return "heic";
  if (brands.some((b) => AVIF_BRANDS.has(b))) return "avif";
  return "heic";
}

/**
 * Identify an image by its magic bytes.
 *
 * @param head the first bytes of the file ({@link SNIFF_BYTES} is plenty; 12 is the minimum)
 * @returns the image kind, or `null` for anything else (SVG, HTML, text, GIF, TIFF, …)
 */
export function sniffImageType(head: Uint8Array): SniffedImageType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, PNG_SIGNATURE)) return "png";
  if (head.length >= 12 && ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return "webp";
  return heifKind(head);
}
