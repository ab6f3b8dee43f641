/**
 * The attributes of one exported photo (SPEC §14), as a dcmjs "naturalized" dataset. Pure: the
 * same input gives the same dataset, so an export repeated gives the same object.
 *
 * Modules written (PS3.3 A.32.4 VL Photographic Image IOD, A.32.10 Dermoscopic Photography IOD):
 * - Patient: PatientName, PatientID (the MRN), IssuerOfPatientID (the clinic's name) with
 *   IssuerOfPatientIDQualifiersSequence (the clinic's UUID), PatientBirthDate, PatientSex.
 * - General Study: StudyInstanceUID, StudyDate/Time (submission, else creation), AccessionNumber
 *   and StudyID (the case reference), ReferringPhysicianName (empty: Type 2, not needed),
 *   StudyDescription.
 * - General Series (+ Dermoscopic Photography Series): Modality XC or DMS, SeriesInstanceUID,
 *   SeriesNumber, SeriesDescription (the view).
 * - Frame of Reference (dermoscopy): FrameOfReferenceUID, PositionReferenceIndicator (empty).
 * - General / Enhanced General Equipment: DermRelay, the system that made the object — never the
 *   camera (its make and model were stripped with the EXIF).
 * - General Acquisition / Acquisition Context: AcquisitionContextSequence (empty: nothing known).
 * - General Image, VL Image, Image Pixel, (Dermoscopic Image): InstanceNumber, ContentDate/Time
 *   (the upload), ImageType DERIVED\PRIMARY (re-encoded from the upload), PatientOrientation
 *   (empty), ImageLaterality, AnatomicRegionSequence (SNOMED), BurnedInAnnotation NO,
 *   RecognizableVisualFeatures, LossyImageCompression 01 (ISO_10918_1), pixel description from the
 *   JPEG; for dermoscopy LightSourcePolarization, EmitterColorTemperature, ContactMethod and
 *   OpticalMagnificationFactor empty (Type 2: DermRelay is not told them).
 * - SOP Common: SOPClassUID, SOPInstanceUID, SpecificCharacterSet ISO_IR 192 (UTF-8),
 *   TimezoneOffsetFromUTC +0000 (every date and time is UTC).
 * No free text beyond these: no history, no reply, no names of users.
 */
import type { PhotoView, Sex } from "../db/schema/enums";
import { anatomicRegionItem, imageLaterality } from "./anatomy";
import type { BaselineJpeg } from "./jpeg";
import { VIEW_LABEL } from "../vocabulary";
import { frameOfReferenceUid, seriesInstanceUid, sopInstanceUid, studyInstanceUid } from "./uids";

export const SOP_CLASS = {
  vlPhotographic: "1.2.840.10008.5.1.4.1.1.77.1.4",
  dermoscopicPhotography: "1.2.840.10008.5.1.4.1.1.77.1.7",
} as const;
export const JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

/** Series number and label (the view's word, lib/vocabulary.ts) of each view; one series per view of a case. */
export const SERIES_OF_VIEW: Record<PhotoView, { number: number; label: string }> = {
  overview: { number: 1, label: VIEW_LABEL.overview },
  closeup: { number: 2, label: VIEW_LABEL.closeup },
  dermoscopy: { number: 3, label: VIEW_LABEL.dermoscopy },
};

/** The facts an exported photo is built from (loaded by export.ts). */
export interface DicomPhotoInput {
  case: { id: string; reference: string; studyAt: Date };
  patient: { mrn: string; givenName: string; familyName: string; birthDate: string; sex: Sex };
  clinic: { id: string; name: string };
  photo: { id: string; view: PhotoView; bodySite: string; createdAt: Date; instanceNumber: number };
}

const SEX: Record<Sex, string> = { female: "F", male: "M", other: "O", unknown: "" };

/** DICOM DA and TM of an instant, in UTC. */
function dateTime(at: Date): { date: string; time: string } {
  const iso = at.toISOString(); // 2026-12-01T10:11:12.345Z
  return { date: iso.slice(0, 10).replace(/-/g, ""), time: `${iso.slice(11, 19).replace(/:/g, "")}.${iso.slice(20, 23)}` };
}

/** LO and SH values: at most `max` characters, no backslash (the value separator). */
const text = (value: string, max: number) => value.replace(/\\/g, "/").slice(0, max);

/** The software that writes the objects, named as the equipment (Enhanced General Equipment). */
export const EQUIPMENT = {
  Manufacturer: "DermRelay",
  ManufacturerModelName: "DermRelay DICOM export",
  DeviceSerialNumber: "DERMRELAY",
  SoftwareVersions: "1",
} as const;

/** The naturalized dataset (without file meta) of one photo wrapped around `jpeg`. */
export function buildDataset(input: DicomPhotoInput, jpeg: BaselineJpeg): Record<string, unknown> {
  const { photo, patient, clinic } = input;
  const dermoscopy = photo.view === "dermoscopy";
  const study = dateTime(input.case.studyAt);
  const content = dateTime(photo.createdAt);
  const series = SERIES_OF_VIEW[photo.view];
  const reference = text(input.case.reference, 16);
  return {
    SpecificCharacterSet: "ISO_IR 192",
    ImageType: ["DERIVED", "PRIMARY"],
    SOPClassUID: dermoscopy ? SOP_CLASS.dermoscopicPhotography : SOP_CLASS.vlPhotographic,
    SOPInstanceUID: sopInstanceUid(photo.id),
    StudyDate: study.date,
    ContentDate: content.date,
    StudyTime: study.time,
    ContentTime: content.time,
    AccessionNumber: reference,
    Modality: dermoscopy ? "DMS" : "XC",
    TimezoneOffsetFromUTC: "+0000",
    ...EQUIPMENT,
    ReferringPhysicianName: "",
    StudyDescription: "Teledermatology referral",
    SeriesDescription: series.label,
    PatientName: `${text(patient.familyName, 30)}^${text(patient.givenName, 30)}`,
    PatientID: text(patient.mrn, 64),
    IssuerOfPatientID: text(clinic.name, 64),
    IssuerOfPatientIDQualifiersSequence: [{ UniversalEntityID: clinic.id, UniversalEntityIDType: "UUID" }],
    PatientBirthDate: patient.birthDate.replace(/-/g, ""),
    PatientSex: SEX[patient.sex],
    StudyInstanceUID: studyInstanceUid(input.case.id),
    SeriesInstanceUID: seriesInstanceUid(input.case.id, photo.view),
    StudyID: reference,
    SeriesNumber: series.number,
    InstanceNumber: photo.instanceNumber,
    PatientOrientation: "",
    ...(dermoscopy ? { FrameOfReferenceUID: frameOfReferenceUid(photo.id), PositionReferenceIndicator: "" } : {}),
    ImageLaterality: imageLaterality(photo.bodySite),
    SamplesPerPixel: 3,
    PhotometricInterpretation: jpeg.photometric,
    PlanarConfiguration: 0,
    Rows: jpeg.frame.height,
    Columns: jpeg.frame.width,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    BurnedInAnnotation: "NO",
    // A dermoscopy field shows magnified skin only; wider views may show a face or a tattoo.
    RecognizableVisualFeatures: dermoscopy ? "NO" : "YES",
    LossyImageCompression: "01",
    LossyImageCompressionMethod: "ISO_10918_1",
    AnatomicRegionSequence: [anatomicRegionItem(photo.bodySite)],
    AcquisitionContextSequence: [],
    ...(dermoscopy ? { LightSourcePolarization: "", EmitterColorTemperature: "", ContactMethod: "", OpticalMagnificationFactor: "" } : {}),
  };
}
