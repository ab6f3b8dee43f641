/**
 * Endpoints of DICOM (SPEC §14): a photo's object, a case's study (objects written lazily, zipped
 * by the route as it streams), the PACS settings and a case's sends to the PACS.
 */
import { z } from "zod";
import { defineEndpoint } from "../http/endpoint";
import { exportCaseDicom, exportPhotoDicom } from "../dicom/export";
import { listPacsSends, requestPacsSend } from "../dicom/pacs-sends";
import { readPacsSettings, savePacsSettings } from "../dicom/pacs-settings";
import { idInput } from "./ids";

const ADMIN = ["admin"] as const;

/** One photo as a DICOM Part 10 object, audited like an image view. */
export const photoDicomEndpoint = defineEndpoint({ name: "photos.dicom", roles: "any", input: idInput, run: (db, ctx, { id }) => exportPhotoDicom(db, ctx, id) });

/** A case's study: its reference and its objects, written as the response is read. */
export const caseDicomEndpoint = defineEndpoint({ name: "cases.dicom", roles: "any", input: idInput, run: (db, ctx, { id }) => exportCaseDicom(db, ctx, id) });

/** The PACS endpoint; header values come back masked. */
export const readPacsSettingsEndpoint = defineEndpoint({ name: "settings.pacs.read", roles: ADMIN, input: z.undefined(), run: (db, ctx) => readPacsSettings(db, ctx) });

/** `{stowUrl, headers?, sendOn}`: headers omitted keep the stored ones (lib/dicom/pacs-settings.ts). */
export const savePacsSettingsEndpoint = defineEndpoint({ name: "settings.pacs.save", roles: ADMIN, input: z.unknown(), run: (db, ctx, body) => savePacsSettings(db, ctx, body) });

/** The case's sends to the PACS, newest first. */
export const listPacsSendsEndpoint = defineEndpoint({
  name: "cases.pacs_sends.list",
  roles: ADMIN,
  input: idInput,
  run: async (db, ctx, { id }) => ({ items: await listPacsSends(db, ctx, id) }),
});

/** Send the case's study to the PACS (again); the route answers 202 with the pending send's id. */
export const requestPacsSendEndpoint = defineEndpoint({ name: "cases.pacs_sends.create", roles: ADMIN, input: idInput, run: (db, ctx, { id }) => requestPacsSend(db, ctx, id) });
