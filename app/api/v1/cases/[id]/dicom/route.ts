import { db } from "@/lib/db/client";
import { exportCaseDicom } from "@/lib/dicom/export";
import { zipStream } from "@/lib/dicom/zip";
import { apiRoute } from "@/lib/http/route";

/** A case's study as a zip of DICOM objects, streamed one object at a time (SPEC §14). */
export const GET = apiRoute<{ id: string }>("any", async ({ params, ctx }) => {
  const study = await exportCaseDicom(db, ctx, params.id);
  const entries = (async function* () {
    for await (const o of study.objects) yield { name: o.fileName, bytes: o.bytes };
  })();
  return new Response(zipStream(entries, study.studyAt), {
    headers: {
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${study.reference}-dicom.zip"`,
    },
  });
});
