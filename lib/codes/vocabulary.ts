/**
 * Display words for codes that lib/ itself must print (the PDF reply letter, FHIR display
 * strings). lib/ cannot import components/, so the words live here; UI label tables may
 * re-export them.
 */
import type { Disposition, PhotoView } from "../db/schema/enums";

export const DISPOSITION_LABEL: Record<Disposition, string> = {
  reassure: "Reassure",
  manage_in_primary_care: "Manage in primary care",
  routine_in_person: "Routine in-person appointment",
  urgent_in_person: "Urgent in-person appointment",
  biopsy_recommended: "Biopsy recommended",
};

export const VIEW_LABEL: Record<PhotoView, string> = { overview: "Overview", closeup: "Close-up", dermoscopy: "Dermoscopy" };
