/**
 * Names for the parts of the case detail (SPEC §8) that the clinic screens pass around on their
 * own. Derived from the server DTO so the two cannot drift; `import type` is erased at compile
 * time, so client bundles never pull the server module in.
 */
import type { CaseDetail } from "@/lib/cases/detail";

/** The patient as the case detail carries it; a `PatientDto` from the patients API fits too. */
export type Patient = CaseDetail["patient"];
export type CaseEvent = CaseDetail["events"][number];
export type CaseMessage = CaseDetail["messages"][number];
export type Consultation = NonNullable<CaseDetail["consultation"]>;
