/**
 * The slice of dcmjs (0.52, untyped JavaScript) that lib/dicom uses: naturalized datasets in,
 * a Part 10 byte stream out. Kept minimal on purpose; extend it when lib/dicom needs more.
 */
declare module "dcmjs" {
  type Naturalized = Record<string, unknown>;
  type Denaturalized = Record<string, { vr: string; Value?: unknown[] }>;
  class DicomDict {
    constructor(meta: Denaturalized);
    meta: Denaturalized;
    dict: Denaturalized;
    write(options?: { fragmentMultiframe?: boolean; allowInvalidVRLength?: boolean }): ArrayBuffer;
  }
  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDict };
      DicomMetaDictionary: {
        denaturalizeDataset(dataset: Naturalized): Denaturalized;
        naturalizeDataset(dataset: Denaturalized): Naturalized;
        nameMap: Record<string, { tag: string; vr: string }>;
      };
    };
    log: { setLevel(level: string): void };
  };
  export default dcmjs;
}
