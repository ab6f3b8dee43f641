/**
 * What DICOM needs to know about a JPEG before wrapping it (PS3.5 §8.2.1, §A.4.1): the coding
 * process from its start-of-frame marker (JPEG Baseline transfer syntax means SOF0, 8-bit), the
 * frame size and the chroma subsampling, which decides PhotometricInterpretation. Masters are
 * baseline 4:2:0 JPEGs already (lib/photos/process.ts); anything else is re-encoded once here.
 */
import sharp from "sharp";
import { MAX_PIXELS } from "../photos/limits";

export interface JpegFrame {
  /** SOF marker number: 0 baseline, 1 extended, 2 progressive, … */
  sof: number;
  precision: number;
  width: number;
  height: number;
  components: number;
  /** Horizontal × vertical sampling factor of each component, in frame order. */
  sampling: { h: number; v: number }[];
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Reads the frame header of a JPEG, or null when the bytes are not a JPEG with a frame. */
export function readJpegFrame(jpeg: Buffer): JpegFrame | null {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= jpeg.length) {
    if (jpeg[i] !== 0xff) return null;
    const marker = jpeg[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = jpeg.readUInt16BE(i + 2);
    if (SOF_MARKERS.has(marker)) {
      const at = i + 4;
      if (at + 6 > jpeg.length) return null;
      const components = jpeg[at + 5]!;
      const sampling: JpegFrame["sampling"] = [];
      for (let c = 0; c < components; c++) {
        const s = jpeg[at + 6 + c * 3 + 1];
        if (s === undefined) return null;
        sampling.push({ h: s >> 4, v: s & 0x0f });
      }
      return { sof: marker - 0xc0, precision: jpeg[at]!, height: jpeg.readUInt16BE(at + 1), width: jpeg.readUInt16BE(at + 3), components, sampling };
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan or end before any frame
    i += 2 + length;
  }
  return null;
}

/**
 * PhotometricInterpretation for a 3-component baseline JPEG (PS3.5 §8.2.1): YBR_FULL_422 when the
 * chroma is subsampled (4:2:2 or 4:2:0: DICOM has no separate 4:2:0 value for JPEG), YBR_FULL
 * when luma and chroma are sampled alike.
 */
export function photometricFor(frame: JpegFrame): "YBR_FULL_422" | "YBR_FULL" {
  const [y, cb, cr] = frame.sampling;
  const subsampled = !!y && !!cb && !!cr && (y.h > cb.h || y.v > cb.v || y.h > cr.h || y.v > cr.v);
  return subsampled ? "YBR_FULL_422" : "YBR_FULL";
}

const isBaselineColour = (f: JpegFrame | null): f is JpegFrame => !!f && f.sof === 0 && f.precision === 8 && f.components === 3;

/** A JPEG that the JPEG Baseline transfer syntax can carry as is, with its frame facts. */
export interface BaselineJpeg {
  bytes: Buffer;
  frame: JpegFrame;
  photometric: "YBR_FULL_422" | "YBR_FULL";
  /** Whether the bytes had to be re-encoded (not baseline, not 8-bit or not 3 components). */
  reencoded: boolean;
}

/** `jpeg` itself when it is baseline 8-bit colour, else a baseline 4:2:0 re-encoding (no metadata). */
export async function asBaselineJpeg(jpeg: Buffer): Promise<BaselineJpeg> {
  let frame = readJpegFrame(jpeg);
  let bytes = jpeg;
  let reencoded = false;
  if (!isBaselineColour(frame)) {
    bytes = await sharp(jpeg, { limitInputPixels: MAX_PIXELS, failOn: "error" })
      .toColourspace("srgb")
      .removeAlpha()
      .jpeg({ quality: 92, progressive: false, chromaSubsampling: "4:2:0", optimiseCoding: false })
      .toBuffer();
    frame = readJpegFrame(bytes);
    reencoded = true;
    if (!isBaselineColour(frame)) throw new Error("Re-encoding did not give a baseline colour JPEG");
  }
  return { bytes, frame, photometric: photometricFor(frame), reencoded };
}
