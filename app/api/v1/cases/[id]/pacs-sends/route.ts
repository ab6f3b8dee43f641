import { listPacsSendsEndpoint, requestPacsSendEndpoint } from "@/lib/endpoints/dicom";
import { from, respond, route } from "@/lib/http/route";

export const GET = route(listPacsSendsEndpoint, { input: from.params<{ id: string }> });

/** 202: the send is pending; its outcome appears in the list. */
export const POST = route(requestPacsSendEndpoint, { input: from.params<{ id: string }>, respond: respond.json(202) });
