/**
 * The ArUco `ARUCO_MIP_36h12` dictionary (SPEC §15) as bit grids, taken from js-aruco2 so the
 * stickers we print and the codes we detect come from one list. A marker is 8×8 cells: a one-cell
 * black border around 6×6 data bits, read row by row, `1` = white.
 */
import { createRequire } from "node:module";

type ArucoModule = {
  AR: { DICTIONARIES: Record<string, { nBits: number; tau?: number; codeList: (number | string)[] }> };
};

const require = createRequire(import.meta.url);
const { AR } = require("js-aruco2") as ArucoModule;

export const DICTIONARY_NAME = "ARUCO_MIP_36h12" as const;
/** Data bits per side. */
export const MARKER_BITS = 6;
/** Cells per side including the black border. */
export const MARKER_CELLS = MARKER_BITS + 2;

const source = AR.DICTIONARIES[DICTIONARY_NAME]!;

/** Each code as 36 bits (row-major, 1 = white), index = marker id. */
export const MARKER_CODES: readonly Uint8Array[] = source.codeList.map((hex) => {
  const value = BigInt(typeof hex === "number" ? hex : parseInt(hex, 16));
  const bits = new Uint8Array(MARKER_BITS * MARKER_BITS);
  for (let i = 0; i < bits.length; i++) bits[i] = Number((value >> BigInt(bits.length - 1 - i)) & BigInt(1));
  return bits;
});

/** The minimum Hamming distance between any two codes of the dictionary (36h12 → 12). */
export const DICTIONARY_TAU = source.tau ?? 12;

/** Rotate a 6×6 bit grid a quarter turn clockwise. */
export function rotateBits(bits: Uint8Array): Uint8Array {
  const n = MARKER_BITS;
  const out = new Uint8Array(n * n);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) out[x * n + (n - 1 - y)] = bits[y * n + x]!;
  return out;
}

export type CodeMatch = { id: number; rotation: number; distance: number };

/**
 * The nearest code to `bits` over the four rotations. `rotation` r means the read grid equals
 * the code rotated r quarter turns clockwise.
 */
export function matchCode(bits: Uint8Array): CodeMatch {
  let best: CodeMatch = { id: -1, rotation: 0, distance: Infinity };
  let grid = bits;
  for (let r = 0; r < 4; r++) {
    for (let id = 0; id < MARKER_CODES.length; id++) {
      const code = MARKER_CODES[id]!;
      let d = 0;
      for (let i = 0; i < code.length && d < best.distance; i++) if (code[i] !== grid[i]) d++;
      if (d < best.distance) best = { id, rotation: (4 - r) % 4, distance: d };
    }
    grid = rotateBits(grid);
  }
  return best;
}
