/**
 * The JSON shapes the clinic screens receive from the API (SPEC §8). Declared here rather than
 * imported from lib/ so client bundles never pull server modules in; the server DTO types are
 * structurally the same.
 */
export type Patient = {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  fitzpatrick?: number | null;
};

export type Photo = {
  id: string;
  caseId: string;
  view: string;
  bodySite: string;
  status: "processing" | "ready" | "rejected";
  rejectReason: string | null;
  width: number | null;
  height: number | null;
  quality: { sharpness: number; brightness: number; flags: string[] } | null;
};

export type CaseEvent = { from: string | null; to: string; at: string; actorRole: string | null; note: string | null };
export type CaseMessage = { id: string; kind: string; body: string; at: string; authorRole: string | null };

export type Consultation = {
  diagnosis: string;
  diagnosisCode: string | null;
  differential: string | null;
  plan: string;
  disposition: string;
  followUp: string | null;
  at: string;
  specialistName: string;
};

export type CaseDetailView = {
  id: string;
  status: string;
  priority: string | null;
  slaDueAt: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  patient: Patient;
  history: Record<string, unknown>;
  photos: Photo[];
  events: CaseEvent[];
  messages: CaseMessage[];
  consultation: Consultation | null;
};

export type CaseListRow = {
  id: string;
  status: string;
  priority: string | null;
  submittedAt: string | null;
  createdAt: string;
  patient: { id: string; mrn: string; givenName: string; familyName: string };
  bodySites: string[];
  thumbnailPhotoId: string | null;
};
