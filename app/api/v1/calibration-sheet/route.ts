/** GET /api/v1/calibration-sheet?sideMm=&firstId=: printable A4 PDF of calibration stickers (SPEC §15). */
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/route";
import { calibrationSheetPdf, calibrationSheetQuery } from "@/lib/measure/calibration-sheet";
import { markerSideFor } from "@/lib/measure/marker-side";
import { parseOrThrow } from "@/lib/validation";

export const GET = apiRoute("any", async ({ req, ctx }) => {
  const q = parseOrThrow(calibrationSheetQuery, Object.fromEntries(new URL(req.url).searchParams));
  const side = q.sideMm ?? (await markerSideFor(db, ctx.actor));
  const pdf = await calibrationSheetPdf(side, q.firstId ?? 0);
  return new Response(Buffer.from(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="calibration-stickers-${side.toFixed(1)}mm.pdf"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
