import { listPacsSendsEndpoint, requestPacsSendEndpoint } from "@/lib/endpoints/dicom";
import { from, respond, route } from "@/lib/http/route";

type P = { id: string };

/** The case's sends to the PACS, newest first. */
export const GET = route(listPacsSendsEndpoint, { input: from.params<P> });

/** Send the case's study to the PACS (again): 202 with the pending send's id. */
export const POST = route(requestPacsSendEndpoint, { input: from.params<P>, respond: respond.json(202) });
