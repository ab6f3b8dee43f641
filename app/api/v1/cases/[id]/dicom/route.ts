import { caseDicomEndpoint } from "@/lib/endpoints/dicom";
import { from, respond, route } from "@/lib/http/route";

/** A case's study as a zip of DICOM objects, streamed one object at a time (SPEC §14). */
export const GET = route(caseDicomEndpoint, { input: from.params<{ id: string }>, respond: respond.raw });
