/**
 * The case reference people quote (and DICOM's AccessionNumber carries, SH: at most 16
 * characters): `DR-` and the first 12 hex digits of the case id, upper case. Derived, never
 * stored, so every case has one and it never changes.
 */
export const caseReference = (caseId: string) => `DR-${caseId.replace(/-/g, "").slice(0, 12).toUpperCase()}`;
