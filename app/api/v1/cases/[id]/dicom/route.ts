import { caseDicomEndpoint } from "@/lib/endpoints/dicom";
import { zipStream } from "@/lib/dicom/zip";
import { from, route } from "@/lib/http/route";

/** A case's study as a zip of DICOM objects, streamed one object at a time (SPEC §14). */
export const GET = route(caseDicomEndpoint, {
  input: from.params<{ id: string }>,
  respond: (study) => {
    const entries = (async function* () {
      for await (const o of study.objects) yield { name: o.fileName, bytes: o.bytes };
    })();
    return new Response(zipStream(entries, study.studyAt), {
      headers: {
        "content-type": "application/zip",
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "content-disposition": `attachment; filename="${study.reference}-dicom.zip"`,
      },
    });
  },
});
