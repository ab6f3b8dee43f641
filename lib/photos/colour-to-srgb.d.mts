/** Types of colour-to-srgb.mjs (plain JavaScript, shared with the HEIC decode thread). */
export interface MatrixShaper {
  /** D50 XYZ colorants: rows X, Y, Z; columns R, G, B. */
  colorants: number[][];
  curves: ((x: number) => number)[];
}
export interface SrgbConversion {
  /** Profile linear RGB → linear sRGB. */
  matrix: number[][];
  /** Per channel, 8-bit value → linear light. */
  decode: Float64Array[];
}
export function parseMatrixShaper(icc: Uint8Array | null | undefined): MatrixShaper | null;
export function srgbConversion(icc: Uint8Array | null | undefined): SrgbConversion | null;
export function convertToSrgb(pixels: Uint8Array, channels: number, conversion: SrgbConversion): void;
export function srgbDecode(v: number): number;
export function srgbEncode(v: number): number;
