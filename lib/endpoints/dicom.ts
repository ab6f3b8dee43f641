/** Endpoints of DICOM export and the PACS (SPEC §14): Part 10 downloads, PACS settings and sends. */
import { z } from "zod";
import { exportCaseDicom, exportPhotoDicom } from "../dicom/export";
import { listPacsSends, requestPacsSend } from "../dicom/pacs-sends";
import { readPacsSettings, savePacsSettings } from "../dicom/pacs-settings";
import { zipStream } from "../dicom/zip";
import { defineEndpoint } from "../http/endpoint";
import { idInput } from "./ids";

const ADMIN = ["admin"] as const;
const DOWNLOAD_HEADERS = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };

/** One photo as a DICOM Part 10 object, audited like an image view. */
export const photoDicomEndpoint = defineEndpoint({
  name: "photos.dicom",
  roles: "any",
  input: idInput,
  run: async (db, ctx, { id }) => {
    const object = await exportPhotoDicom(db, ctx, id);
    return new Response(new Uint8Array(object.bytes), {
      headers: {
        ...DOWNLOAD_HEADERS,
        "content-type": "application/dicom",
        "content-length": String(object.bytes.length),
        "content-disposition": `attachment; filename="${object.photoId}.dcm"`,
      },
    });
  },
});

/** A case's study as a zip of DICOM objects, streamed one object at a time. */
export const caseDicomEndpoint = defineEndpoint({
  name: "cases.dicom",
  roles: "any",
  input: idInput,
  run: async (db, ctx, { id }) => {
    const study = await exportCaseDicom(db, ctx, id);
    const entries = (async function* () {
      for await (const o of study.objects) yield { name: o.fileName, bytes: o.bytes };
    })();
    return new Response(zipStream(entries, study.studyAt), {
      headers: { ...DOWNLOAD_HEADERS, "content-type": "application/zip", "content-disposition": `attachment; filename="${study.reference}-dicom.zip"` },
    });
  },
});

/** The PACS endpoint; header values come back masked. */
export const readPacsSettingsEndpoint = defineEndpoint({ name: "settings.pacs.read", roles: ADMIN, input: z.undefined(), run: (db, ctx) => readPacsSettings(db, ctx) });

/** `{stowUrl, headers?, sendOn}`: headers omitted keep the stored ones. */
export const savePacsSettingsEndpoint = defineEndpoint({ name: "settings.pacs.save", roles: ADMIN, input: z.unknown(), run: (db, ctx, body) => savePacsSettings(db, ctx, body) });

/** The case's sends to the PACS, newest first. */
export const listPacsSendsEndpoint = defineEndpoint({
  name: "cases.pacsSends",
  roles: ADMIN,
  input: idInput,
  run: async (db, ctx, { id }) => ({ items: await listPacsSends(db, ctx, id) }),
});

/** Send the case's study to the PACS (again): the pending send's id. */
export const requestPacsSendEndpoint = defineEndpoint({ name: "cases.pacsSend", roles: ADMIN, input: idInput, run: (db, ctx, { id }) => requestPacsSend(db, ctx, id) });
