/** GET /api/v1/calibration-sheet?sideMm=&firstId=: printable A4 PDF of calibration stickers (SPEC §15). */
import { calibrationSheetEndpoint } from "@/lib/endpoints/measure";
import { from, route } from "@/lib/http/route";

export const GET = route(calibrationSheetEndpoint, {
  input: from.query,
  respond: ({ pdf, side }) =>
    new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="calibration-stickers-${side.toFixed(1)}mm.pdf"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    }),
});
