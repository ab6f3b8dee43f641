import { z } from "zod";
import { db } from "@/lib/db/client";
import { readPacsSettings, savePacsSettings } from "@/lib/dicom/pacs-settings";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiRoute } from "@/lib/http/route";

/** The PACS endpoint; header values come back masked. */
export const GET = apiRoute(["admin"], async ({ ctx }) => json(await readPacsSettings(db, ctx)));

/** `{stowUrl, headers?, sendOn}`: headers omitted keep the stored ones (lib/dicom/pacs-settings.ts). */
export const PUT = apiRoute(["admin"], async ({ req, ctx }) => json(await savePacsSettings(db, ctx, await readJson(req, z.unknown()))));
