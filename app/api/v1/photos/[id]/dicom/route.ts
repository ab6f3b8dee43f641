import { photoDicomEndpoint } from "@/lib/endpoints/dicom";
import { from, route } from "@/lib/http/route";

/** One photo as a DICOM Part 10 object (SPEC §14): an attachment, private, never cached. */
export const GET = route(photoDicomEndpoint, {
  input: from.params<{ id: string }>,
  respond: (object) =>
    new Response(new Uint8Array(object.bytes), {
      headers: {
        "content-type": "application/dicom",
        "content-length": String(object.bytes.length),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "content-disposition": `attachment; filename="${object.photoId}.dcm"`,
      },
    }),
});
