import { photoDicomEndpoint } from "@/lib/endpoints/dicom";
import { from, respond, route } from "@/lib/http/route";

/** One photo as a DICOM Part 10 object (SPEC §14), audited like an image view. */
export const GET = route(photoDicomEndpoint, { input: from.params<{ id: string }>, respond: respond.raw });
