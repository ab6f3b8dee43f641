/**
 * Endpoints of the PACS push (SPEC §14): the DICOMweb settings and each case's sends. The API
 * routes and the admin screens' server actions carry the same endpoints.
 */
import { z } from "zod";
import { listPacsSends, requestPacsSend } from "../dicom/pacs-sends";
import { readPacsSettings, savePacsSettings } from "../dicom/pacs-settings";
import { defineEndpoint } from "../http/endpoint";
import { idInput } from "./ids";

const ADMIN = ["admin"] as const;

export const readPacsSettingsEndpoint = defineEndpoint({ name: "settings.pacs.read", roles: ADMIN, input: z.undefined(), run: (db, ctx) => readPacsSettings(db, ctx) });

/** `{stowUrl, headers?, sendOn}`: headers omitted keep the stored ones (lib/dicom/pacs-settings.ts). */
export const savePacsSettingsEndpoint = defineEndpoint({ name: "settings.pacs.save", roles: ADMIN, input: z.unknown(), run: (db, ctx, body) => savePacsSettings(db, ctx, body) });

/** The case's sends to the PACS, newest first. */
export const listPacsSendsEndpoint = defineEndpoint({
  name: "cases.pacsSends.list",
  roles: ADMIN,
  input: idInput,
  run: async (db, ctx, { id }) => ({ items: await listPacsSends(db, ctx, id) }),
});

/** Send the case's study to the PACS (again): the pending send's id. */
export const requestPacsSendEndpoint = defineEndpoint({ name: "cases.pacsSends.request", roles: ADMIN, input: idInput, run: (db, ctx, { id }) => requestPacsSend(db, ctx, id) });
