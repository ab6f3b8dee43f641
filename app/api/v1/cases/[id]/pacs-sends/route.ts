import { db } from "@/lib/db/client";
import { listPacsSends, requestPacsSend } from "@/lib/dicom/pacs-sends";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

/** The case's sends to the PACS, newest first. */
export const GET = apiRoute<{ id: string }>(["admin"], async ({ params, ctx }) => json({ items: await listPacsSends(db, ctx, params.id) }));

/** Send the case's study to the PACS (again): 202 with the pending send's id. */
export const POST = apiRoute<{ id: string }>(["admin"], async ({ params, ctx }) => json(await requestPacsSend(db, ctx, params.id), 202));
