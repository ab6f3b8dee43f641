import { db } from "@/lib/db/client";
import { exportPhotoDicom } from "@/lib/dicom/export";
import { apiRoute } from "@/lib/http/route";

/** One photo as a DICOM Part 10 object (SPEC §14), audited like an image view. */
export const GET = apiRoute<{ id: string }>("any", async ({ params, ctx }) => {
  const object = await exportPhotoDicom(db, ctx, params.id);
  return new Response(new Uint8Array(object.bytes), {
    headers: {
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-type": "application/dicom",
      "content-length": String(object.bytes.length),
      "content-disposition": `attachment; filename="${object.photoId}.dcm"`,
    },
  });
});
