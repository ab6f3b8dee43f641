/**
 * Part 10 encoding through dcmjs (never by hand): the file meta group plus the dataset, with the
 * JPEG as one encapsulated fragment (JPEG Baseline transfer syntax, PS3.5 §A.4).
 */
import dcmjs from "dcmjs";
import { JPEG_BASELINE } from "./dataset";

const { DicomDict, DicomMetaDictionary } = dcmjs.data;
dcmjs.log.setLevel("error");

/** Our implementation class UID (2.25 + a fixed UUID) and version name, in every file meta. */
export const IMPLEMENTATION_CLASS_UID = "2.25.213360423577028977714907947043044647606";
export const IMPLEMENTATION_VERSION_NAME = "DERMRELAY_1";

/** The bytes as an ArrayBuffer of their own: no copy when the Buffer already spans one whole. */
const arrayBufferOf = (b: Buffer): ArrayBuffer => {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) return b.buffer;
  const copy = new ArrayBuffer(b.length);
  new Uint8Array(copy).set(b);
  return copy;
};

/** Encode `dataset` (naturalized, without PixelData) around `jpeg` as a DICOM Part 10 file. */
export function writePart10(dataset: Record<string, unknown>, jpeg: Buffer): Buffer {
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: JPEG_BASELINE,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset({ ...dataset, PixelData: [arrayBufferOf(jpeg)], _vrMap: { PixelData: "OB" } });
  const out = dict.write({ fragmentMultiframe: false });
  return Buffer.from(out);
}
